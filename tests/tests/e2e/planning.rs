//! Planning: the demo, the campaign form, language, the calendar.

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_welcome_dialog_loads_the_demo_with_the_womens_day_campaign() {
    let app = App::start().await;
    app.find("[data-testid=welcome]").await;
    app.load_demo().await;
    let names = app.campaign_names().await;
    assert!(names.iter().any(|n| n.ends_with("3.8 女神节")), "{names:?}");
    app.screenshot("demo-campaigns").await;
    app.close().await;
}

async fn open_new_campaign_form(app: &App) {
    app.click("[data-testid=start-empty]").await;
    app.click("[data-testid=nav-campaigns]").await;
    app.click("[data-testid=new-campaign]").await;
    app.find("[data-testid=campaign-editor]").await;
}

async fn fill_campaign(app: &App, name: &str, start: &str, end: &str, budget: &str) {
    app.fill("[data-testid=campaign-name-input]", name).await;
    app.fill("[data-testid=campaign-start-input]", start).await;
    app.fill("[data-testid=campaign-end-input]", end).await;
    app.fill("[data-testid=campaign-budget-input]", budget)
        .await;
    app.click("[data-testid=campaign-save]").await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_campaign_created_in_the_form_appears_in_the_list() {
    let app = App::start().await;
    open_new_campaign_form(&app).await;
    fill_campaign(
        &app,
        "2027 女神节快闪",
        "2027-03-07",
        "2027-03-08",
        "8800.5",
    )
    .await;
    app.until("the new campaign in the list", || async {
        app.campaign_names().await == ["2027 女神节快闪"]
    })
    .await;
    assert_eq!(
        app.text("[data-testid=campaign-dates]").await,
        "2027-03-07 → 2027-03-08"
    );
    let row = app.text("[data-testid=campaign-row]").await;
    assert!(row.contains("¥8,800.50"), "{row}");
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn an_end_before_the_start_is_shown_next_to_the_field_and_nothing_is_saved() {
    let app = App::start().await;
    open_new_campaign_form(&app).await;
    fill_campaign(&app, "倒序日期", "2027-03-08", "2027-03-01", "100").await;
    let message = app.text("[data-testid=problem-end]").await;
    assert!(
        message.contains("2027-03-01") && message.contains("2027-03-08"),
        "{message}"
    );
    app.screenshot("end-before-start").await;
    assert!(app.campaign_names().await.is_empty());
    // The database itself holds no campaign (read by the CLI beside the running app).
    let out = std::process::Command::new(promodesk_tests::cli_binary())
        .arg("--db")
        .arg(&app.db_path)
        .args(["campaign", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn switching_language_changes_the_labels_and_back() {
    let app = App::start().await;
    app.click("[data-testid=start-empty]").await;
    let nav = "[data-testid=nav-campaigns]";
    let first = app.text(nav).await;
    let expected_other = if first == "活动" {
        "Campaigns"
    } else {
        "活动"
    };
    app.click("[data-testid=toggle-language]").await;
    app.until("labels in the other language", || async {
        app.text(nav).await == expected_other
    })
    .await;
    assert_eq!(
        app.text("[data-testid=nav-settings]").await,
        if expected_other == "Campaigns" {
            "Settings"
        } else {
            "设置"
        }
    );
    app.screenshot(if expected_other == "Campaigns" {
        "english"
    } else {
        "chinese"
    })
    .await;
    app.click("[data-testid=toggle-language]").await;
    app.until("labels back in the first language", || async {
        app.text(nav).await == first
    })
    .await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_campaign_named_like_html_is_shown_as_text_and_runs_nothing() {
    let app = App::start().await;
    let title_before = app.client.title().await.unwrap();
    open_new_campaign_form(&app).await;
    let payload = r#"<img src=x onerror="document.title='pwned'">"#;
    app.fill(
        "[data-testid=campaign-description-input]",
        "< p > < strong >新闻稿",
    )
    .await;
    fill_campaign(&app, payload, "2027-03-07", "2027-03-08", "1").await;
    app.until("the campaign in the list", || async {
        app.campaign_names().await == [payload]
    })
    .await;
    assert!(
        app.find_all("td img").await.is_empty(),
        "no <img> element was created"
    );
    assert_eq!(app.client.title().await.unwrap(), title_before);
    assert_eq!(title_before, "PromoDesk");
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn dragging_a_campaign_on_the_calendar_moves_its_dates_and_undo_restores_them() {
    use chrono::Datelike;
    // A draft on the 10th–12th of the current month, so the month view always shows it.
    let today = chrono::Local::now().date_naive();
    let day = |d: u32| today.with_day(d).unwrap().format("%Y-%m-%d").to_string();
    let (start, end) = (day(10), day(12));
    let app = App::start_with(|db| {
        promodesk_tests::app::cli_json(
            db,
            &[
                "campaign",
                "add",
                "--name",
                "拖动测试",
                "--start",
                &start,
                "--end",
                &end,
                "--budget",
                "100",
                "--json",
            ],
        );
    })
    .await;
    app.click("[data-testid=nav-calendar]").await;
    let event = ".ec-event.campaign";
    app.find(event).await;
    let (_, _, cell_width, _) = app.find(".ec-day").await.rectangle().await.unwrap();
    app.drag_by(event, cell_width, 0.0).await;
    let notice = app.text("[data-testid=move-notice]").await;
    let (new_start, new_end) = (day(11), day(13));
    assert!(
        notice.contains(&format!("{new_start} → {new_end}")),
        "{notice}"
    );
    app.screenshot("calendar-after-drag").await;

    let listed = app.cli(&["campaign", "list", "--json"]);
    assert_eq!(listed[0]["start"], format!("{new_start}T00:00:00+08:00"));
    assert_eq!(listed[0]["end"], format!("{new_end}T23:59:59+08:00"));

    // Undo puts it back.
    app.click("[data-testid=undo-move]").await;
    app.until("undo restored the dates", || async {
        app.cli(&["campaign", "list", "--json"])[0]["start"] == format!("{start}T00:00:00+08:00")
    })
    .await;

    // Drag again and read the dates where people read them: the campaign list.
    app.drag_by(event, cell_width, 0.0).await;
    app.find("[data-testid=move-notice]").await;
    app.click("[data-testid=nav-campaigns]").await;
    app.until("the list shows the moved dates", || async {
        app.text("[data-testid=campaign-dates]").await == format!("{new_start} → {new_end}")
    })
    .await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_campaign_added_elsewhere_appears_in_the_open_list_without_a_click() {
    let app = App::start().await;
    app.load_demo().await;
    // Another desktop (here the CLI on the same database) adds a campaign.
    app.cli(&[
        "campaign",
        "add",
        "--name",
        "别处新增的活动",
        "--start",
        "2027-08-01",
        "--end",
        "2027-08-03",
        "--budget",
        "1000",
        "--json",
    ]);
    app.until("the other desktop's campaign listed", || async {
        app.campaign_names()
            .await
            .iter()
            .any(|n| n == "别处新增的活动")
    })
    .await;
    app.close().await;
}
