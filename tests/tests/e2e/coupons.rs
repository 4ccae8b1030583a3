//! Coupons: one offer on two wallets, checked by each provider's rules.

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_wechat_and_alipay_offer_shows_the_wechat_name_limit_then_saves_when_fixed() {
    let app = App::start_with(|db| {
        promodesk_tests::app::cli_json(
            db,
            &[
                "campaign",
                "add",
                "--name",
                "2027 3.8 女神节",
                "--start",
                "2027-03-06",
                "--end",
                "2027-03-09",
                "--budget",
                "100000",
                "--json",
            ],
        );
    })
    .await;
    app.click("[data-testid=nav-coupons]").await;
    app.click("[data-testid=new-offer]").await;
    app.find("[data-testid=coupon-editor]").await;
    app.fill(
        "[data-testid=coupon-name-input]",
        "三八女神节全场满二百减卅",
    )
    .await;
    app.fill("[data-testid=coupon-face-input]", "30").await;
    app.fill("[data-testid=coupon-threshold-input]", "200")
        .await;
    app.until("the WeChat name-length message", || async {
        let all = app.find_all("[data-testid=problem-name]").await;
        let mut texts = Vec::new();
        for el in &all {
            texts.push(promodesk_tests::app::text_of(el).await);
        }
        texts
            .iter()
            .any(|t| t.contains('9') && (t.contains("WeChat") || t.contains("微信")))
    })
    .await;
    app.screenshot("coupon-name-too-long").await;
    app.fill("[data-testid=coupon-name-input]", "女神节满200减30")
        .await;
    app.until("the message is gone", || async {
        app.find_all("[data-testid=problem-name]").await.is_empty()
    })
    .await;
    app.click("[data-testid=coupon-save]").await;
    app.until("two linked coupons listed", || async {
        app.find_all("[data-testid=coupon-row]").await.len() == 2
    })
    .await;
    app.screenshot("coupons-saved").await;
    let saved = app.cli(&["coupon", "list", "--json"]);
    let products: Vec<_> = saved
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["product"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(products, ["wechat_cash", "alipay_voucher"]);
    assert_eq!(saved[0]["offer_id"], saved[1]["offer_id"]);
    assert_eq!(saved[0]["spec"]["face_value"], "30.00");
    app.close().await;
}
