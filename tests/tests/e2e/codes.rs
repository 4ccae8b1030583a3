//! Codes & print: a small pool generated in the Coupons screen's tab, exported as WeChat Pay's
//! upload file, and a poster saved whose PDF has the offer's text and one image, its QR code.

use std::time::Duration;

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_small_pool_is_generated_exported_and_a_poster_printed_with_its_qr_code() {
    let app = App::start_with(|db| {
        let cli = |args: &[&str]| promodesk_tests::app::cli_json(db, args);
        cli(&["store", "add", "--name", "女装 A", "--json"]);
        let c = cli(&[
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
        ]);
        let campaign = c["id"].as_i64().unwrap().to_string();
        cli(&[
            "coupon",
            "add",
            "--campaign",
            &campaign,
            "--product",
            "wechat_merchant",
            "--name",
            "女神节满200减30",
            "--face",
            "30",
            "--threshold",
            "200",
            "--quantity",
            "20",
            "--json",
        ]);
    })
    .await;
    app.click("[data-testid=nav-coupons]").await;
    app.click("[data-testid=tab-codes]").await;
    app.find("[data-testid=codes-pool]").await;
    app.fill("[data-testid=codes-count-input]", "20").await;
    app.fill("[data-testid=codes-prefix]", "MX").await;
    app.click("[data-testid=codes-generate]").await;
    app.until("20 codes shown", || async {
        app.find_all("[data-testid=codes-count]").await.len() == 1
            && app.text("[data-testid=codes-count]").await.contains("20")
    })
    .await;
    let codes = app.cli(&["code", "list", "--coupon", "1", "--json"]);
    assert_eq!(codes.as_array().unwrap().len(), 20);

    let dir = tempfile::tempdir().unwrap();
    let upload = dir.path().join("upload.json");
    app.fill("[data-testid=codes-export-path]", upload.to_str().unwrap())
        .await;
    app.click("[data-testid=codes-export]").await;
    app.until("the upload file written", || async { upload.exists() })
        .await;
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&upload).unwrap()).unwrap();
    assert_eq!(doc["requests"][0]["coupon_code_list"], codes);

    // Someone renames the offer while a new count is being typed: the name changes on screen,
    // and neither the typed count nor the message about the saved file is wiped.
    app.find("[data-testid=codes-saved]").await;
    app.fill("[data-testid=codes-count-input]", "25").await;
    app.cli(&["coupon", "edit", "1", "--name", "三八节满200减30", "--json"]);
    app.until("the new name in the coupon picker", || async {
        app.text("[data-testid=codes-coupon]")
            .await
            .contains("三八节")
    })
    .await;
    let count = app.find("[data-testid=codes-count-input]").await;
    assert_eq!(count.prop("value").await.unwrap().as_deref(), Some("25"));
    app.find("[data-testid=codes-saved]").await;

    app.fill(
        "[data-testid=print-link]",
        "https://pay.weixin.qq.com/claim?stock_id=1200009999",
    )
    .await;
    app.until("the QR code in the preview", || async {
        !app.find_all("[data-testid=print-qr] svg").await.is_empty()
    })
    .await;
    assert!(app
        .text("[data-testid=print-preview]")
        .await
        .contains("满200减30"));
    let poster = dir.path().join("poster.pdf");
    app.fill("[data-testid=print-path]", poster.to_str().unwrap())
        .await;
    app.click("[data-testid=print-save]").await;
    // Written to a temporary file and renamed: once it is there, it is whole.
    app.until("the poster written", || async { poster.exists() })
        .await;
    let text = std::process::Command::new("pdftotext")
        .arg(&poster)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("满200减30") && text.contains("三八节满200减30"),
        "{text}"
    );
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&poster)
        .output()
        .expect("pdfimages (poppler-utils)");
    let listed = String::from_utf8_lossy(&images.stdout);
    assert_eq!(
        listed.lines().skip(2).count(),
        1,
        "one image, the QR code:\n{listed}"
    );

    // A redemption export where the first code was used twice.
    let first = codes[0].as_str().unwrap();
    let second = codes[1].as_str().unwrap();
    let used = dir.path().join("used.csv");
    std::fs::write(
        &used,
        format!("券码,核销时间,门店\n{first},2027-03-06 10:00,女装 A\n{first},2027-03-07 15:30,女装 A\n{second},2027-03-07 16:00,女装 A\n"),
    )
    .unwrap();
    app.fill("[data-testid=redemption-path]", used.to_str().unwrap())
        .await;
    app.click("[data-testid=redemption-import]").await;
    app.until("the repeated use listed", || async {
        app.find_all("[data-testid=usage-problems] tbody tr")
            .await
            .len()
            == 2
    })
    .await;
    let figures = app.text("[data-testid=usage-figures]").await;
    assert!(figures.contains("18"), "18 unused: {figures}");

    // A POS export with its own headers: its columns are named in the form, and its use of a
    // third code is read (17 unused).
    let third = codes[2].as_str().unwrap();
    let pos = dir.path().join("pos.csv");
    std::fs::write(
        &pos,
        format!("Voucher No,Used On,Shop\n{third},2027-03-08 11:00,女装 A\n"),
    )
    .unwrap();
    app.js_click(".columns summary").await;
    app.fill("[data-testid=redemption-code-column]", "Voucher No")
        .await;
    app.fill("[data-testid=redemption-time-column]", "Used On")
        .await;
    app.fill("[data-testid=redemption-store-column]", "Shop")
        .await;
    app.fill("[data-testid=redemption-path]", pos.to_str().unwrap())
        .await;
    app.click("[data-testid=redemption-import]").await;
    app.until("the POS file's use counted", || async {
        app.text("[data-testid=usage-figures]").await.contains("17")
    })
    .await;
    assert!(app
        .text("[data-testid=usage-problems]")
        .await
        .contains(first));

    // The voucher sheet's preview shows a code of the pool.
    app.eval(
        "const s = document.querySelector('[data-testid=print-kind]'); s.value = 'vouchers'; \
         s.dispatchEvent(new Event('change')); return true;",
    )
    .await;
    app.until("a voucher's code in the preview", || async {
        app.text("[data-testid=print-preview]")
            .await
            .contains(first)
    })
    .await;

    // The pool's figures join the campaign's statistics.
    app.click("[data-testid=nav-statistics]").await;
    app.until("the campaigns to choose from", || async {
        app.eval("return document.querySelectorAll('[data-testid=stats-campaign] option').length;")
            .await
            .as_u64()
            .unwrap_or(0)
            > 1
    })
    .await;
    app.eval(
        "const s = document.querySelector('[data-testid=stats-campaign]'); \
         s.selectedIndex = s.options.length - 1; \
         s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
    )
    .await;
    app.click("[data-testid=stats-apply]").await;
    app.until("the campaign's code pools in its statistics", || async {
        !app.find_all("[data-testid=campaign-codes]")
            .await
            .is_empty()
    })
    .await;
    let pools = app.text("[data-testid=campaign-codes]").await;
    assert!(
        pools.contains("20") && pools.contains("17"),
        "20 issued, 17 unused: {pools}"
    );
    app.click("[data-testid=nav-coupons]").await;
    app.click("[data-testid=tab-codes]").await;
    app.find("[data-testid=codes-usage]").await;

    // How it looks, in both languages at a laptop's and a desktop's size: nothing cut, nothing
    // wrapped inside a word (the layout test's own check, on this tab it does not open).
    let mut report = Vec::new();
    for lang in ["zh-CN", "en"] {
        app.switch_language(lang).await;
        for (w, h) in [(1024u32, 700u32), (1440, 900)] {
            app.client
                .set_window_rect(0, 0, w, h)
                .await
                .expect("window size");
            tokio::time::sleep(Duration::from_millis(600)).await;
            app.scroll_to("[data-testid=tab-codes]").await;
            for f in crate::layout::faults(&app).await {
                report.push(format!("{lang} {w}×{h}: {f}"));
            }
            app.screenshot(&format!("codes-{lang}-{w}x{h}")).await;
            app.scroll_to("[data-testid=codes-usage]").await;
            app.screenshot(&format!("codes-{lang}-{w}x{h}-bottom"))
                .await;
        }
    }
    app.close().await;
    assert!(report.is_empty(), "layout faults:\n{}", report.join("\n"));
}
