//! Two people on one campaign: the editor is open in the app while someone else (here the CLI
//! on the same database) saves the same campaign. The app's save does not overwrite theirs
//! unseen: it says who changed what, and Reload shows their version, Save anyway keeps mine.

use std::time::Duration;

use promodesk_tests::app::App;

async fn value(app: &App, testid: &str) -> String {
    app.eval(&format!(
        "return document.querySelector('[data-testid={testid}]').value;"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// `promodesk campaign edit ID --budget YUAN` as another person on the same database.
fn cli_edit_budget_as(app: &App, person: &str, id: i64, budget: &str) {
    let out = std::process::Command::new(promodesk_tests::cli_binary())
        .arg("--db")
        .arg(&app.db_path)
        .args(["campaign", "edit", &id.to_string(), "--budget", budget])
        .env("USER", person)
        .output()
        .expect("run promodesk");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn save_and_wait_for_the_conflict(app: &App) -> String {
    app.click("[data-testid=campaign-save]").await;
    app.until("the changed-elsewhere message", || async {
        !app.find_all("[data-testid=campaign-elsewhere]")
            .await
            .is_empty()
    })
    .await;
    app.text("[data-testid=campaign-elsewhere]").await
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_save_after_the_cli_changed_the_campaign_says_what_changed_and_reload_shows_it() {
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
                "50000",
                "--json",
            ],
        );
    })
    .await;
    app.client
        .set_window_rect(0, 0, 1024, 700)
        .await
        .expect("window size");
    app.switch_language("zh-CN").await;
    app.click("[data-testid=nav-campaigns]").await;
    app.js_click("[data-testid=campaign-row]").await;
    app.until("the editor loaded", || async {
        value(&app, "campaign-name-input").await == "2027 3.8 女神节"
    })
    .await;
    let id = app.cli(&["campaign", "list", "--json"])[0]["id"]
        .as_i64()
        .unwrap();

    // I rename it in the app while someone else raises the budget.
    app.fill("[data-testid=campaign-name-input]", "2027 女神节焕新")
        .await;
    // The app's watcher takes its first look at the file a second after start: the change
    // must come after it, as a colleague's would.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    cli_edit_budget_as(&app, "王芳", id, "60000");
    // The open editor says so at once, and leaves my typing alone.
    app.until("the editor says it changed elsewhere", || async {
        !app.find_all("[data-testid=campaign-newer]")
            .await
            .is_empty()
    })
    .await;
    app.screenshot("edits-newer-zh-CN-1024x700").await;
    assert_eq!(value(&app, "campaign-name-input").await, "2027 女神节焕新");
    let told = save_and_wait_for_the_conflict(&app).await;
    assert!(told.contains("预算 ¥50,000.00 → ¥60,000.00"), "{told}");
    assert!(told.contains("王芳在你编辑期间修改了这个活动"), "{told}");
    assert!(
        told.contains("重新载入") && told.contains("仍然保存"),
        "{told}"
    );
    app.screenshot("edits-conflict-zh-CN-1024x700").await;
    // Nothing of mine was written over theirs.
    let stored = &app.cli(&["campaign", "list", "--json"])[0];
    assert_eq!(stored["name"], "2027 3.8 女神节");
    assert_eq!(stored["budget"], "60000.00");

    app.switch_language("en").await;
    let told = app.text("[data-testid=campaign-elsewhere]").await;
    assert!(told.contains("budget ¥50,000.00 → ¥60,000.00"), "{told}");
    assert!(
        told.contains("changed this campaign while you were editing it"),
        "{told}"
    );
    app.screenshot("edits-conflict-en-1024x700").await;

    // Reload: their budget, my rename gone, the message too.
    app.click("[data-testid=campaign-elsewhere-reload]").await;
    app.until("their version in the form", || async {
        value(&app, "campaign-budget-input").await == "60000.00"
    })
    .await;
    assert_eq!(value(&app, "campaign-name-input").await, "2027 3.8 女神节");
    assert!(app
        .find_all("[data-testid=campaign-elsewhere]")
        .await
        .is_empty());

    // Again, and this time Save anyway: my form (with their 60,000 I reloaded) replaces the
    // 70,000 they saved meanwhile.
    app.fill("[data-testid=campaign-name-input]", "2027 女神节焕新")
        .await;
    app.cli(&[
        "campaign",
        "edit",
        &id.to_string(),
        "--budget",
        "70000",
        "--json",
    ]);
    let told = save_and_wait_for_the_conflict(&app).await;
    assert!(
        told.contains("Budget ¥60,000.00 → ¥70,000.00")
            || told.contains("budget ¥60,000.00 → ¥70,000.00"),
        "{told}"
    );
    // This time the CLI ran as the app's own user: the message says it was me, elsewhere.
    assert!(
        told.contains("You changed this campaign elsewhere"),
        "{told}"
    );
    app.screenshot("edits-conflict-yours-en-1024x700").await;
    app.click("[data-testid=campaign-elsewhere-save-anyway]")
        .await;
    app.until("mine saved over theirs", || async {
        let stored = &app.cli(&["campaign", "list", "--json"])[0];
        stored["name"] == "2027 女神节焕新" && stored["budget"] == "60000.00"
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(app
        .find_all("[data-testid=campaign-elsewhere]")
        .await
        .is_empty());
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn an_offer_changed_by_the_cli_while_open_is_not_overwritten_and_reload_shows_it() {
    let app = App::start_with(|db| {
        let cli = |args: &[&str]| promodesk_tests::app::cli_json(db, args);
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
        let campaign = c["id"].to_string();
        cli(&[
            "coupon",
            "add",
            "--campaign",
            &campaign,
            "--product",
            "wechat_cash",
            "--name",
            "女神节满200减30",
            "--face",
            "30",
            "--threshold",
            "200",
            "--quantity",
            "1000",
            "--json",
        ]);
    })
    .await;
    app.client
        .set_window_rect(0, 0, 1024, 700)
        .await
        .expect("window size");
    app.switch_language("zh-CN").await;
    app.click("[data-testid=nav-coupons]").await;
    app.js_click("[data-opens-editor]").await;
    app.until("the offer loaded", || async {
        value(&app, "coupon-name-input").await == "女神节满200减30"
    })
    .await;
    let id = app.cli(&["coupon", "list", "--json"])[0]["id"]
        .as_i64()
        .unwrap();

    app.fill("[data-testid=coupon-name-input]", "女神节满200减30元")
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let out = std::process::Command::new(promodesk_tests::cli_binary())
        .arg("--db")
        .arg(&app.db_path)
        .args(["coupon", "edit", &id.to_string(), "--face", "40"])
        .env("USER", "王芳")
        .output()
        .expect("run promodesk");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    app.until("the editor says it changed elsewhere", || async {
        !app.find_all("[data-testid=coupon-newer]").await.is_empty()
    })
    .await;

    app.screenshot("edits-offer-newer-zh-CN-1024x700").await;
    // Below the fold of the 700-pixel window: the drawer scrolls to it.
    app.scroll_to("[data-testid=coupon-save]").await;
    app.click("[data-testid=coupon-save]").await;
    app.until("the changed-elsewhere message", || async {
        !app.find_all("[data-testid=coupon-elsewhere]")
            .await
            .is_empty()
    })
    .await;
    let told = app.text("[data-testid=coupon-elsewhere]").await;
    assert!(told.contains("王芳在你编辑期间修改了这个优惠"), "{told}");
    assert!(told.contains("面额 ¥30.00 → ¥40.00"), "{told}");
    app.screenshot("edits-offer-conflict-zh-CN-1024x700").await;
    let stored = &app.cli(&["coupon", "list", "--json"])[0];
    assert_eq!(stored["spec"]["name"], "女神节满200减30");
    assert_eq!(stored["spec"]["face_value"], "40.00");

    app.click("[data-testid=coupon-elsewhere-reload]").await;
    app.until("their face value in the form", || async {
        value(&app, "coupon-face-input").await == "40.00"
    })
    .await;
    assert_eq!(value(&app, "coupon-name-input").await, "女神节满200减30");
    app.close().await;
}
