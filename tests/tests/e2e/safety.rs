//! Launch checks, backups, and markup shown as text.

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_launch_checklist_blocks_a_launch_until_the_store_is_fixed() {
    let app = App::start().await;
    app.load_demo().await;
    // The demo's 2027 3.8 campaign (id 2) targets UNIQLO (store 1); it loses its WeChat id.
    app.cli(&["store", "edit", "1", "--wechat-sub-mch-id", "", "--json"]);
    let open_launch = || async {
        app.click("[data-testid=nav-campaigns]").await;
        app.js_click("[data-testid=campaign-row][data-id='2']")
            .await;
        app.js_click("[data-testid=open-launch]").await;
        app.find("[data-testid=checklist-verdict]").await;
    };
    open_launch().await;
    let item = "[data-testid='check-stores.merchant_ids']";
    assert_eq!(app.attr(item, "data-status").await.as_deref(), Some("fail"));
    assert!(app.text(item).await.contains("UNIQLO"));
    let button = app.find("[data-testid=launch-button]").await;
    assert!(!button.is_enabled().await.unwrap(), "launch is blocked");
    app.find("[data-testid=wallet-wechat_cash]").await;
    app.find("[data-testid=projection-total]").await;
    app.screenshot("launch-blocked").await;

    // The item's Fix goes to the Stores screen; the id comes back; the checklist passes.
    app.click("[data-testid='fix-stores.merchant_ids']").await;
    app.find("[data-testid=nav-stores][aria-current=page]")
        .await;
    app.cli(&[
        "store",
        "edit",
        "1",
        "--wechat-sub-mch-id",
        "1900012301",
        "--json",
    ]);
    open_launch().await;
    assert_eq!(app.attr(item, "data-status").await.as_deref(), Some("pass"));
    app.scroll_to("[data-testid=wallet-previews]").await;
    app.screenshot("launch-wallets").await;
    app.scroll_to("[data-testid=projection]").await;
    app.screenshot("launch-projection").await;
    app.click("[data-testid=launch-button]").await;
    app.until("the campaign is scheduled", || async {
        app.cli(&["campaign", "show", "2", "--json"])["status"] == "scheduled"
    })
    .await;
    let shown = app.cli(&["campaign", "show", "2", "--json"]);
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert!(last["reason"].as_str().unwrap().contains("launched"));
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_backup_made_in_settings_restores_the_data() {
    let app = App::start().await;
    app.load_demo().await;
    app.click("[data-testid=nav-settings]").await;
    app.click("[data-testid=backup-now]").await;
    app.until("the manual backup listed", || async {
        app.find_all("[data-testid=backup-item]").await.len() >= 2
    })
    .await;
    app.cli(&["store", "add", "--name", "快闪店", "--json"]);
    assert_eq!(
        app.cli(&["store", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        9
    );
    app.screenshot("settings-backups").await;
    app.js_click("[data-testid=backup-restore]").await;
    app.click("[data-testid=backup-confirm]").await;
    app.until("the store added after the backup is gone", || async {
        app.cli(&["store", "list", "--json"])
            .as_array()
            .unwrap()
            .len()
            == 8
    })
    .await;
    app.close().await;
}

/// Markup that would change the title if any screen rendered text as HTML.
const PAYLOAD: &str = "<img src=x onerror=document.title=1>";

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn markup_from_users_and_bills_is_shown_as_text_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let bill = dir.path().join("alipay.csv");
    std::fs::write(
        &bill,
        format!(
            "#支付宝业务明细查询\n#账号：[2088]\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n\
             2027030722001\t,o1\t,交易\t,{PAYLOAD},2027-03-07 10:00:00,2027-03-07 10:00:05,BJWJ_L2_001\t,店\t,,\t,*x\t,230.00,200.00,0.00,0.00,0.00,30.00,30.00,{PAYLOAD},0.00\t,0.00,\t,1.20,0.00,\n\
             #-----业务明细列表结束-----\n#交易合计：1笔，商家实收共200.00元，商家优惠共30.00元\n#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\n"
        ),
    )
    .unwrap();
    let bad_counts = dir.path().join("counts.csv");
    std::fs::write(
        &bad_counts,
        format!("date,visitors\n2027-03-07,{PAYLOAD}\n"),
    )
    .unwrap();
    let app = App::start_with(|db| {
        let cli = |args: &[&str]| promodesk_tests::app::cli_json(db, args);
        let demo = std::process::Command::new(promodesk_tests::cli_binary())
            .arg("--db")
            .arg(db)
            .arg("demo")
            .output()
            .unwrap();
        assert!(demo.status.success());
        cli(&["store", "edit", "1", "--name", PAYLOAD, "--json"]);
        // The member-card coupon of this year's 3.8 (campaign 2).
        let coupons = cli(&["coupon", "list", "--campaign", "2", "--json"]);
        let last = coupons.as_array().unwrap().last().unwrap()["id"].to_string();
        cli(&["coupon", "edit", &last, "--name", PAYLOAD, "--json"]);
        cli(&["import", bill.to_str().unwrap(), "--json"]);
    })
    .await;
    let title = app.eval("return document.title;").await;
    let safe = || async {
        let injected = app
            .eval("return document.querySelectorAll('img[src=\"x\"]').length;")
            .await;
        assert_eq!(injected, 0, "an <img> from user text was created");
        assert_eq!(app.eval("return document.title;").await, title);
    };
    let page = &app;
    let shows_payload = |css: &'static str| async move {
        page.until(css, || async { page.text(css).await.contains(PAYLOAD) })
            .await;
    };
    page.click("[data-testid=nav-import]").await;
    shows_payload("[data-testid=import-unattributed]").await;
    page.fill("[data-testid=footfall-path]", bad_counts.to_str().unwrap())
        .await;
    page.click("[data-testid=footfall-path-go]").await;
    shows_payload("[data-testid=footfall-error]").await;
    safe().await;
    page.click("[data-testid=nav-stores]").await;
    shows_payload("[data-testid=store-table]").await;
    page.click("[data-testid=nav-coupons]").await;
    safe().await;
    page.click("[data-testid=nav-statistics]").await;
    shows_payload("[data-testid=stats-store]").await;
    safe().await;
    page.click("[data-testid=nav-reports]").await;
    page.find("[data-testid=report-title]").await;
    // The 2027 3.8 campaign holds the renamed coupon; WebKit ignores clicks on <option>.
    page.eval(
        "const s = document.querySelector('[data-testid=report-campaign]'); s.value = '2'; \
         s.dispatchEvent(new Event('change', { bubbles: true })); return null;",
    )
    .await;
    shows_payload("[data-testid=report-section-coupons]").await;
    safe().await;
    page.click("[data-testid=nav-campaigns]").await;
    page.js_click("[data-testid=campaign-row][data-id='2']")
        .await;
    page.js_click("[data-testid=open-launch]").await;
    shows_payload("[data-testid=wallet-previews]").await;
    safe().await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn starting_the_app_again_on_its_database_brings_the_open_window_back() {
    let app = App::start().await;
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "scripts/e2e.sh runs the tests on a D-Bus session bus, which finds the open app"
    );
    let mut second = std::process::Command::new(promodesk_tests::app::app_binary())
        .arg("--db")
        .arg(&app.db_path)
        .spawn()
        .expect("start the app a second time");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = second.kill();
            panic!("a second window opened on the same database");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(status.success(), "the second start ended with {status}");
    // The first window is still there and working.
    app.js_click("[data-testid=nav-stores]").await;
    app.find("[data-testid=new-store]").await;
}
