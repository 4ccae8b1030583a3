//! The home screen (工作台): opened first, last year's results, deadlines that lead to where
//! they are dealt with; and Preview & launch from a campaign row and the sidebar.

use promodesk_tests::app::App;

/// The demo loaded through the welcome dialog, which then shows the home screen.
async fn demo_home(app: &App) {
    app.click("[data-testid=load-demo]").await;
    app.until("last year's 3.8 results on the home screen", || async {
        app.find_all("[data-testid=results-name]").await.len() == 1
    })
    .await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_home_screen_comes_first_with_last_years_results_and_deadlines_that_lead_to_their_fix()
{
    let app = App::start().await;
    // First, before the calendar: the home screen is the current sidebar item.
    app.find("[data-testid=nav-home][aria-current=page]").await;
    app.find("[data-testid=home-empty]").await;
    demo_home(&app).await;
    app.find("[data-testid=nav-home][aria-current=page]").await;

    // Last year's 3.8, with its GMV in yuan and a change against its baseline.
    let name = app.text("[data-testid=results-name]").await;
    assert!(name.ends_with("3.8 女神节"), "{name}");
    let last_year = app.cli(&["campaign", "list", "--festival", "womens-day", "--json"]);
    let ended = last_year
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "ended")
        .expect("an ended 3.8");
    assert_eq!(name, ended["name"].as_str().unwrap());
    let order = app.text("[data-testid=results-order]").await;
    assert!(order.starts_with('¥') && order != "¥0.00", "{order}");
    let change = app.text("[data-testid=results-change]").await;
    assert!(change.starts_with('+') && change.ends_with('%'), "{change}");
    let shown: u64 = app
        .text("[data-testid=results-redemptions]")
        .await
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap();
    let stats = app.cli(&["stats", "--campaign", &ended["id"].to_string(), "--json"]);
    assert_eq!(shown, stats["redemptions"].as_u64().unwrap());

    // At least one deadline, with its date; a draft's launch date leads to its Preview & launch.
    let deadlines = app.find_all("[data-testid=deadline]").await;
    assert!(!deadlines.is_empty());
    app.screenshot("home-demo").await;
    let draft = "[data-testid=deadline][data-goto=launch]";
    let campaign = app.attr(draft, "data-campaign").await.unwrap();
    let message = app.text(&format!("{draft} .what")).await;
    app.click(&format!("{draft} [data-testid=deadline-go]"))
        .await;
    app.find("[data-testid=nav-launch][aria-current=page]")
        .await;
    let title = app.text("[data-testid=launch-title]").await;
    let shown_name = title.split(" · ").nth(1).unwrap().to_string();
    assert!(message.contains(&shown_name), "{message} / {title}");
    let listed = app.cli(&["campaign", "show", &campaign, "--json"]);
    assert_eq!(shown_name, listed["name"].as_str().unwrap());
    assert_eq!(listed["status"], "draft");
    app.find("[data-testid=checklist-verdict]").await;

    // Back home, the unmatched merchant ids and the launch checks lead on as well.
    app.click("[data-testid=nav-home]").await;
    app.click("[data-testid=upcoming-check] [data-testid=check-open]")
        .await;
    app.find("[data-testid=launch-title]").await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn preview_and_launch_opens_from_a_campaign_row_and_from_the_sidebar() {
    let app = App::start().await;
    demo_home(&app).await;
    // A laptop screen: the row's button must still be inside the table.
    app.client.set_window_size(1024, 700).await.unwrap();
    app.click("[data-testid=nav-campaigns]").await;
    app.until("the demo's campaigns", || async {
        app.find_all("[data-testid=campaign-row]").await.len() == 6
    })
    .await;
    let fits = app
        .eval(
            "const b = document.querySelector(\"[data-testid=campaign-row][data-id='2'] [data-testid=row-launch]\").getBoundingClientRect();
             const t = document.querySelector('.table-wrap').getBoundingClientRect();
             return [b.width > 0 && b.right <= t.right && b.right <= window.innerWidth, b.right, t.right, window.innerWidth];",
        )
        .await;
    app.screenshot("campaigns-row-launch-1024").await;
    assert_eq!(
        fits[0],
        serde_json::json!(true),
        "the row's button is cut off: {fits}"
    );
    let name = app
        .text("[data-testid=campaign-row][data-id='2'] [data-testid=campaign-name]")
        .await;
    app.js_click("[data-testid=campaign-row][data-id='2'] [data-testid=row-launch]")
        .await;
    app.find("[data-testid=nav-launch][aria-current=page]")
        .await;
    app.until("the row's campaign in Preview & launch", || async {
        app.text("[data-testid=launch-title]")
            .await
            .ends_with(&name)
    })
    .await;
    // The button opened Preview & launch only, not the row's editor too.
    assert!(app
        .find_all("[data-testid=campaign-editor]")
        .await
        .is_empty());

    // The sidebar opens it on the next campaign to start, with a picker for the others.
    app.click("[data-testid=nav-home]").await;
    app.click("[data-testid=nav-launch]").await;
    app.find("[data-testid=launch-pick]").await;
    app.find("[data-testid=checklist-verdict]").await;
    let next = app.cli(&["campaign", "list", "--json"]);
    let mut ahead: Vec<&serde_json::Value> = next
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "draft" || c["status"] == "scheduled")
        .collect();
    ahead.sort_by_key(|c| c["start"].as_str().unwrap().to_string());
    let first = ahead[0]["name"].as_str().unwrap().to_string();
    app.until("the next campaign's preview", || async {
        app.text("[data-testid=launch-title]")
            .await
            .ends_with(&first)
    })
    .await;
    app.screenshot("launch-from-sidebar-1024").await;
    app.close().await;
}

/// Screenshots of the home screen in both languages at a laptop's and a desktop's size (with
/// `PROMODESK_SHOTS` set; the display must be at least 1440×900).
#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_home_screen_at_two_sizes_in_both_languages() {
    let app = App::start().await;
    demo_home(&app).await;
    for lang in ["first", "second"] {
        for (w, h) in [(1024, 700), (1440, 900)] {
            app.client.set_window_size(w, h).await.unwrap();
            app.click("[data-testid=nav-home]").await;
            app.find("[data-testid=results-name]").await;
            // Nothing on the home screen is wider than the window.
            let overflow = app
                .eval("return document.querySelector('main.content').scrollWidth > document.querySelector('main.content').clientWidth;")
                .await;
            assert_eq!(overflow, serde_json::json!(false), "{w}×{h} overflows");
            app.screenshot(&format!("home-{lang}-{w}x{h}")).await;
        }
        app.click("[data-testid=toggle-language]").await;
    }
    app.close().await;
}

/// The process ids whose command line names `needle`.
fn processes_with(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(needle) {
            found.push(pid);
        }
    }
    found
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn settings_opens_the_demo_in_a_database_and_window_of_its_own() {
    let app = App::start().await;
    app.click("[data-testid=start-empty]").await;
    // A fresh database: the home screen says what to do first, the demo among it.
    app.find("[data-testid=home-empty] [data-testid=home-open-demo]")
        .await;
    app.screenshot("home-empty").await;
    app.click("[data-testid=nav-settings]").await;
    app.click("[data-testid=settings-open-demo]").await;
    let demo = app.db_path.parent().unwrap().join("demo/promodesk-demo.db");
    let demo_text = demo.display().to_string();
    app.until("a second PromoDesk on the demo database", || {
        let running = !processes_with(&demo_text).is_empty();
        async move { running }
    })
    .await;
    let opened = processes_with(&demo_text);
    // The demo went into its own file; the user's database stays empty.
    let listed = promodesk_tests::app::cli_json(&demo, &["campaign", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 6);
    let mine = app.cli(&["campaign", "list", "--json"]);
    assert_eq!(mine, serde_json::json!([]));
    for pid in opened {
        let _ = std::process::Command::new("kill")
            .arg(pid.to_string())
            .status();
    }
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_demo_database_says_on_every_screen_that_it_is_the_demo() {
    let app = App::start_with(|db| {
        let loaded = std::process::Command::new(promodesk_tests::cli_binary())
            .arg("--db")
            .arg(db)
            .arg("demo")
            .output()
            .unwrap();
        assert!(loaded.status.success());
        // What Settings' "Open the demo" marks a finished demo database with.
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute(
            "INSERT INTO app_setting (key, value) VALUES ('demo_database', 'ready')",
            [],
        )
        .unwrap();
    })
    .await;
    let banner = app.text("[data-testid=demo-banner]").await;
    assert!(
        banner.contains("演示数据") || banner.contains("Demo data"),
        "{banner}"
    );
    app.click("[data-testid=nav-campaigns]").await;
    app.find("[data-testid=demo-banner]").await;
    app.click("[data-testid=nav-settings]").await;
    app.find("[data-testid=settings-demo]").await;
    assert!(app
        .find_all("[data-testid=settings-open-demo]")
        .await
        .is_empty());
    app.screenshot("demo-banner").await;
    app.close().await;
}
