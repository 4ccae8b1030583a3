//! Statistics and reports from imported bills.

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_statistics_screen_compares_the_wallets_from_imported_bills() {
    let dir = tempfile::tempdir().unwrap();
    let counts = dir.path().join("counts.csv");
    std::fs::write(&counts, "日期,客流\n2019-09-16,600\n").unwrap();
    let bad_counts = dir.path().join("bad-counts.csv");
    std::fs::write(
        &bad_counts,
        "date,visitors\n2019-09-17,10\n2019-09-18,很多\n",
    )
    .unwrap();
    let app = App::start_with(|db| {
        promodesk_tests::app::import_sample_bills(db, &[]);
    })
    .await;
    // Bills alone leave the database without stores or campaigns, so the demo is offered.
    app.click("[data-testid=start-empty]").await;
    // Visitor counts go in through the Import screen; a bad file shows its line, nothing else.
    app.click("[data-testid=nav-import]").await;
    app.fill("[data-testid=footfall-path]", bad_counts.to_str().unwrap())
        .await;
    app.click("[data-testid=footfall-path-go]").await;
    app.until("the footfall error", || async {
        app.find_all("[data-testid=footfall-error]").await.len() == 1
    })
    .await;
    let error = app.text("[data-testid=footfall-error]").await;
    assert!(error.contains('3') && error.contains("很多"), "{error}");
    // The message carries the reference of the same entry in the app's log.
    let id = error
        .split(|c: char| c.is_whitespace() || c == ')' || c == '(' || c == '）' || c == '（')
        .find(|w| w.starts_with('E') && w.len() > 16)
        .unwrap_or_else(|| panic!("no error reference in {error}"))
        .to_string();
    let logs = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var("HOME").unwrap()).join(".local/share")
        })
        .join("com.promodesk.app/logs/promodesk.log");
    app.until("the error in the log", || async {
        std::fs::read_to_string(&logs).is_ok_and(|log| log.contains(&id))
    })
    .await;
    app.fill("[data-testid=footfall-path]", counts.to_str().unwrap())
        .await;
    app.click("[data-testid=footfall-path-go]").await;
    app.until("the footfall result", || async {
        app.find_all("[data-testid=footfall-result]").await.len() == 1
    })
    .await;
    assert_eq!(app.cli(&["footfall", "list", "--json"])[0]["visitors"], 600);
    app.click("[data-testid=nav-statistics]").await;
    app.until("the KPI cards", || async {
        app.find_all("[data-testid=kpi-trades]").await.len() == 1
    })
    .await;
    assert_eq!(app.text("[data-testid=kpi-trades]").await, "37");
    assert_eq!(app.text("[data-testid=kpi-order]").await, "¥0.53");
    assert_eq!(app.text("[data-testid=kpi-visitors]").await, "600");
    // 6 payments on the one counted day.
    assert_eq!(app.text("[data-testid=kpi-conversion]").await, "1.00%");
    let rows = app.find_all("[data-testid=provider-row]").await;
    assert_eq!(rows.len(), 2);
    let wechat = app.text("[data-provider=wechat_pay]").await;
    assert!(
        wechat.contains("31") && wechat.contains("¥0.47"),
        "{wechat}"
    );
    app.find("[data-testid=chart-daily] canvas").await;
    app.find("[data-testid=chart-store] canvas").await;
    app.screenshot("statistics").await;
    app.scroll_to("[data-testid=chart-daily]").await;
    app.screenshot("statistics-charts").await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn a_report_is_previewed_and_exported_from_the_reports_screen() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bills");
    let dir = tempfile::tempdir().unwrap();
    let app = App::start_with(|db| {
        let cli = |args: &[&str]| promodesk_tests::app::cli_json(db, args);
        cli(&[
            "import",
            fixtures
                .join("wechatpay-tradebill-ALL.csv")
                .to_str()
                .unwrap(),
            fixtures
                .join("alipay-trade-detail-gbk.csv")
                .to_str()
                .unwrap(),
            "--json",
        ]);
        cli(&[
            "campaign",
            "add",
            "--name",
            "2019 女神节特惠",
            "--start",
            "2019-02-19",
            "--end",
            "2019-09-16",
            "--budget",
            "5000",
            "--json",
        ]);
    })
    .await;
    // The mall's logo is chosen in Settings: a file that is not an image is refused by name,
    // an SVG is kept and shown.
    let not_image = dir.path().join("notes.png");
    std::fs::write(&not_image, "hello").unwrap();
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><rect width="90" height="30" fill="#123456"/></svg>"##;
    let png = promodesk_core::mall::Logo::from_bytes("logo.svg".into(), svg.into())
        .unwrap()
        .raster()
        .unwrap();
    let logo = dir.path().join("logo.png");
    std::fs::write(&logo, png).unwrap();
    app.click("[data-testid=nav-settings]").await;
    app.fill("[data-testid=mall-logo-path]", not_image.to_str().unwrap())
        .await;
    app.click("[data-testid=mall-logo-path-go]").await;
    app.until("the logo error", || async {
        app.find_all("[data-testid=mall-logo-error]").await.len() == 1
    })
    .await;
    assert!(app
        .text("[data-testid=mall-logo-error]")
        .await
        .contains("notes.png"));
    app.fill("[data-testid=mall-logo-path]", logo.to_str().unwrap())
        .await;
    app.click("[data-testid=mall-logo-path-go]").await;
    app.until("the logo", || async {
        app.find_all("[data-testid=mall-logo-image]").await.len() == 1
    })
    .await;

    app.click("[data-testid=nav-reports]").await;
    app.until("the preview", || async {
        app.find_all("[data-testid=report-title]").await.len() == 1
    })
    .await;
    assert_eq!(
        app.text("[data-testid=report-title]").await,
        "2019 女神节特惠"
    );
    // Page 1's answer: headline figures and three sentences, the logo beside the mall's name.
    // The logo is drawn, not only placed: the CSP lets the image's bytes in (`img-src data:`).
    app.until("the logo drawn in the preview", || async {
        app.eval(
            "const i = document.querySelector('[data-testid=report-logo]'); return !!i && i.complete && i.naturalWidth > 0;",
        )
        .await
            == serde_json::json!(true)
    })
    .await;
    let headlines = app.text("[data-testid=report-section-headlines]").await;
    // In the app's language: the figure names and the campaign's ¥ figures.
    assert!(
        (headlines.contains("交易额") || headlines.contains("GMV")) && headlines.contains("¥0.53"),
        "{headlines}"
    );
    assert_eq!(
        app.find_all("[data-testid=report-sentences] li")
            .await
            .len(),
        3
    );
    let wallets = app.text("[data-testid=report-section-providers]").await;
    assert!(wallets.contains("¥0.47"), "{wallets}");
    app.find("[data-testid=report-chart-daily] canvas").await;
    app.screenshot("report-preview").await;

    for name in ["report.xlsx", "report.pdf"] {
        let target = dir.path().join(name);
        app.fill("[data-testid=report-path]", target.to_str().unwrap())
            .await;
        app.click("[data-testid=report-path-go]").await;
        app.until("the export or its error", || async {
            target.exists() || !app.find_all("[data-testid=report-error]").await.is_empty()
        })
        .await;
        if !target.exists() {
            panic!("{name}: {}", app.text("[data-testid=report-error]").await);
        }
        app.until("the saved line", || async {
            app.find_all("[data-testid=report-done]").await.len() == 1
        })
        .await;
        let bytes = std::fs::read(&target).unwrap();
        let magic: &[u8] = if name.ends_with("pdf") {
            b"%PDF-"
        } else {
            b"PK"
        };
        assert!(bytes.starts_with(magic), "{name}");
    }
    // Someone renames the campaign meanwhile: the preview follows without a click, and the
    // line about the saved file stays.
    let listed = app.cli(&["campaign", "list", "--json"]);
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "2019 女神节特惠")
        .unwrap()["id"]
        .to_string();
    app.cli(&[
        "campaign",
        "edit",
        &id,
        "--name",
        "2019 女神节复盘",
        "--json",
    ]);
    app.until("the new name in the preview", || async {
        app.text("[data-testid=report-title]").await == "2019 女神节复盘"
    })
    .await;
    assert_eq!(app.find_all("[data-testid=report-done]").await.len(), 1);
    let text = std::process::Command::new("pdftotext")
        .arg(dir.path().join("report.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(String::from_utf8_lossy(&text.stdout).contains("2019 女神节特惠"));
    let pdf = std::fs::read(dir.path().join("report.pdf")).unwrap();
    assert!(
        String::from_utf8_lossy(&pdf).contains("/Subtype /Image"),
        "the logo is drawn on the pages"
    );

    // A folder that does not exist: a clear message, no file.
    let bad = dir.path().join("missing/report.pdf");
    app.fill("[data-testid=report-path]", bad.to_str().unwrap())
        .await;
    app.click("[data-testid=report-path-go]").await;
    app.until("the error", || async {
        app.find_all("[data-testid=report-error]").await.len() == 1
    })
    .await;
    assert!(!bad.exists());
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_demo_shows_last_years_festival_with_both_wallets_and_visitors() {
    let app = App::start().await;
    app.load_demo().await;
    app.click("[data-testid=nav-statistics]").await;
    app.find("[data-testid=stats-campaign]").await;
    // Last year's 3.8 is the demo's first campaign.
    let picked = app
        .eval(
            "const s = document.querySelector('[data-testid=stats-campaign]');
             const o = [...s.options].find(o => o.textContent.includes('3.8') && !o.selected && o.index > 0);
             s.selectedIndex = o.index; s.dispatchEvent(new Event('change', { bubbles: true }));
             return o.textContent;",
        )
        .await;
    assert!(picked.as_str().unwrap_or("").contains("3.8"), "{picked}");
    app.click("[data-testid=stats-apply]").await;
    app.until("the festival's redemptions", || async {
        app.find_all("[data-testid=kpi-redemptions]").await.len() == 1
            && app.text("[data-testid=kpi-redemptions]").await != "0"
    })
    .await;
    for wallet in ["wechat_pay", "alipay"] {
        let row = app.text(&format!("[data-provider={wallet}]")).await;
        assert!(row.contains('¥'), "{wallet}: {row}");
    }
    let visitors = app
        .text("[data-testid=kpi-visitors]")
        .await
        .replace(',', "");
    assert!(visitors.parse::<u64>().unwrap() > 10_000, "{visitors}");
    app.screenshot("statistics-demo").await;
    app.close().await;
}
