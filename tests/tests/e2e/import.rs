//! Bills through the window, and merchant ids mapped to stores.

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_bill_imported_through_the_window_shows_its_reconciled_result_and_a_bad_one_its_line() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bills");
    let wechat = fixtures
        .join("wechatpay-tradebill-ALL.csv")
        .canonicalize()
        .unwrap();
    let app = App::start().await;
    app.click("[data-testid=start-empty]").await;
    app.click("[data-testid=nav-import]").await;
    app.fill("[data-testid=import-path]", wechat.to_str().unwrap())
        .await;
    app.click("[data-testid=import-path-go]").await;
    app.until("the import result", || async {
        app.find_all("[data-testid=import-outcome]").await.len() == 1
    })
    .await;
    let outcome = app.text("[data-testid=import-outcome]").await;
    assert!(
        outcome.contains("45") && outcome.contains("31") && outcome.contains("14"),
        "{outcome}"
    );
    assert!(outcome.contains('✓'), "{outcome}");
    assert!(outcome.contains("¥0.47"), "{outcome}");
    app.find("[data-testid=import-history]").await;
    app.screenshot("import-done").await;
    let history = app.cli(&["import", "history", "--json"]);
    assert_eq!(history[0]["inserted"], 45);

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.csv");
    let text = std::fs::read_to_string(&wechat).unwrap().replacen(
        "`0.03,`0.00,`0,`0",
        "`zero,`0.00,`0,`0",
        1,
    );
    std::fs::write(&bad, text).unwrap();
    app.fill("[data-testid=import-path]", bad.to_str().unwrap())
        .await;
    app.click("[data-testid=import-path-go]").await;
    app.until("the error with its line", || async {
        app.find_all("[data-testid=import-error]").await.len() == 1
    })
    .await;
    let error = app.text("[data-testid=import-error]").await;
    assert!(
        error.contains("4") && error.contains("应结订单金额"),
        "{error}"
    );
    app.close().await;
}

/// A WeChat Pay service-provider bill of one tenant, 特约商户号 1900012399: three payments in
/// the shape of fixtures/bills/wechatpay-tradebill-ALL.csv, with a summary that reconciles.
/// (The fixture's own rows print 特约商户号 `0`, which means none.)
const WECHAT_TENANT_BILL: &str = "\u{feff}交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注
`2019-09-16 10:00:00,`wxab8acd895ab1638a,`1921000401,`1900012399,`,`4200000999201909160000000001,`tenant_20190916_0001,`oTenantUser0001,`NATIVE,`SUCCESS,`OTHERS,`CNY,`100.00,`0.00,`0,`0,`0.00,`0.00,`,`,`拿铁,`,`0.60000,`0.60%,`100.00,`0.00,`
`2019-09-16 12:30:00,`wxab8acd895ab1638a,`1921000401,`1900012399,`,`4200000999201909160000000002,`tenant_20190916_0002,`oTenantUser0002,`NATIVE,`SUCCESS,`OTHERS,`CNY,`50.00,`0.00,`0,`0,`0.00,`0.00,`,`,`美式,`,`0.30000,`0.60%,`50.00,`0.00,`
`2019-09-16 15:45:00,`wxab8acd895ab1638a,`1921000401,`1900012399,`,`4200000999201909160000000003,`tenant_20190916_0003,`oTenantUser0003,`NATIVE,`SUCCESS,`OTHERS,`CNY,`30.00,`0.00,`0,`0,`0.00,`0.00,`,`,`司康,`,`0.18000,`0.60%,`30.00,`0.00,`
总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额
`3.0,`180.00,`0.00,`0.0,`1.08,`180.00,`0.00
";

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn an_unmatched_merchant_is_mapped_then_a_new_store_takes_another_and_statistics_show_both() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = dir.path().join("wechatpay-tradebill-tenant.csv");
    std::fs::write(&tenant, WECHAT_TENANT_BILL).unwrap();
    let app = App::start_with(|db| {
        let imported = promodesk_tests::app::import_sample_bills(db, &[&tenant]);
        assert_eq!(imported[2]["inserted"], 3, "{imported}");
        assert_eq!(imported[2]["reconciled"], true, "{imported}");
    })
    .await;
    app.click("[data-testid=start-empty]").await;
    let uniqlo = app.cli(&["store", "add", "--name", "优衣库", "--json"]);
    let uniqlo_id = uniqlo["id"].as_i64().expect("store id");

    // Import lists the ids the bills carry that no store holds: Alipay's 门店编号 alipay_store
    // (9 trades) and the tenant's 特约商户号. The first goes to 优衣库 with the picker.
    app.click("[data-testid=nav-import]").await;
    let alipay_row = "[data-testid=unmatched-row][data-merchant=alipay_store]";
    let wechat_row = "[data-testid=unmatched-row][data-merchant='1900012399']";
    let row = app.text(alipay_row).await;
    assert!(row.contains('9'), "{row}");
    app.find(wechat_row).await;
    app.scroll_to("[data-testid=unmatched]").await;
    app.screenshot("import-unmatched").await;
    // WebKit ignores clicks on <option>: choose the store the way a change event reports it.
    app.eval(&format!(
        "const s = document.querySelector(\"{alipay_row} [data-testid=map-store]\"); \
         s.value = '{uniqlo_id}'; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return null;"
    ))
    .await;
    let link = format!("{alipay_row} [data-testid=map-link]");
    app.until("the link button is enabled", || async {
        app.find(&link).await.is_enabled().await.unwrap_or(false)
    })
    .await;
    app.click(&link).await;
    app.until("the mapped merchant leaves the list", || async {
        app.find_all(alipay_row).await.is_empty()
    })
    .await;
    assert_eq!(app.find_all(wechat_row).await.len(), 1);
    let stores = app.cli(&["store", "list", "--json"]);
    assert_eq!(
        stores[0]["merchant_ids"],
        serde_json::json!([{ "provider": "alipay", "kind": "store_id", "merchant_id": "alipay_store" }]),
        "{stores}"
    );

    // A second store on the Stores screen. Its Alipay id is 优衣库's: saving says so next to
    // the row and offers the move; removing the row instead saves the store with its WeChat id.
    app.click("[data-testid=nav-stores]").await;
    app.click("[data-testid=new-store]").await;
    app.find("[data-testid=store-editor]").await;
    app.fill("[data-testid=store-name-input]", "星巴克").await;
    app.click("[data-testid=merchant-add]").await;
    app.click("[data-testid=merchant-add]").await;
    let rows = app.find_all("[data-testid=merchant-row]").await;
    assert_eq!(rows.len(), 2);
    // Each new row takes a provider the store has no id of yet: WeChat Pay, then Alipay.
    assert_eq!(
        app.eval(
            "return [...document.querySelectorAll('[data-testid=merchant-provider]')].map(s => s.value + '/' + \
             s.closest('[data-testid=merchant-row]').querySelector('[data-testid=merchant-kind]').value);"
        )
        .await,
        serde_json::json!(["wechat_pay/sub_mch_id", "alipay/store_id"])
    );
    let inputs = app.find_all("[data-testid=merchant-id-input]").await;
    inputs[0].send_keys("1900012399").await.expect("type");
    inputs[1].send_keys("alipay_store").await.expect("type");
    app.click("[data-testid=store-save]").await;
    let taken = "[data-testid='problem-merchant_ids.1']";
    app.until("the taken id is explained next to its row", || async {
        app.find_all(taken).await.len() == 1
    })
    .await;
    assert!(app.text(taken).await.contains("优衣库"));
    app.find("[data-testid=move-taken]").await;
    assert_eq!(
        app.cli(&["store", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1,
        "nothing was saved"
    );
    let remove = app.find_all("[data-testid=merchant-remove]").await;
    remove[1].click().await.expect("remove the Alipay row");
    app.until("the move offer goes with the row", || async {
        app.find_all("[data-testid=move-taken]").await.is_empty()
    })
    .await;
    app.click("[data-testid=store-save]").await;
    app.until("both stores listed", || async {
        app.find_all("[data-testid=store-row]").await.len() == 2
    })
    .await;
    // Beside the open editor the table counts each store's ids; closed, it shows them.
    app.find("[data-testid=store-editor] [data-testid=merchant-row]")
        .await;
    assert_eq!(app.find_all("[data-testid=merchant-count]").await.len(), 2);
    app.screenshot("stores-merchant-ids").await;
    app.click("[data-testid=store-cancel]").await;
    app.until("the ids shown in the table", || async {
        app.find_all("[data-testid=merchant-chip]").await.len() == 2
    })
    .await;
    let table = app.text("[data-testid=store-table]").await;
    assert!(
        table.contains("1900012399") && table.contains("alipay_store"),
        "{table}"
    );

    // Both stores have their trades: 优衣库 the 5 Alipay payments, 星巴克 the 3 WeChat ones.
    let by_store = app.cli(&["stats", "--by", "store", "--json"]);
    let trades = |name: &str| {
        by_store["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"]["kind"] == "store" && g["key"]["name"] == name)
            .unwrap_or_else(|| panic!("no group {name} in {by_store}"))["trades"]
            .clone()
    };
    assert_eq!(trades("优衣库"), 5);
    assert_eq!(trades("星巴克"), 3);
    let starbucks_id = app
        .cli(&["store", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "星巴克")
        .expect("星巴克 saved")["id"]
        .as_i64()
        .unwrap();
    app.click("[data-testid=nav-statistics]").await;
    app.until("the KPI cards", || async {
        app.find_all("[data-testid=kpi-trades]").await.len() == 1
    })
    .await;
    app.find("[data-testid=chart-store] canvas").await;
    // The store filter lists both stores.
    app.until("both stores in the store filter", || async {
        let options = app
            .eval("return [...document.querySelectorAll('[data-testid=stats-store] option')].map(o => o.textContent.trim());")
            .await
            .to_string();
        options.contains("优衣库") && options.contains("星巴克")
    })
    .await;
    for (id, count) in [(starbucks_id, "3"), (uniqlo_id, "5")] {
        app.eval(&format!(
            "const s = document.querySelector('[data-testid=stats-store]'); s.value = '{id}'; \
             s.dispatchEvent(new Event('change', {{ bubbles: true }})); return null;"
        ))
        .await;
        app.click("[data-testid=stats-apply]").await;
        app.until(&format!("store {id} shows {count} payments"), || async {
            app.text("[data-testid=kpi-trades]").await == count
        })
        .await;
    }
    app.close().await;
}
