//! Plazas in the app, on a throwaway PostgreSQL cluster: the group's marketing head (the team
//! database's owner, a staff login bound by the plazas' row security) works in 海淀广场, switches
//! to 朝阳广场 in the sidebar and sees that plaza's own campaign, compares 周年庆 across both on
//! Statistics (each plaza's figures from its own bill), and the next start opens in 朝阳广场.
//! Screenshots of the switcher and the comparison in both languages at 1024×700 and 1440×900.

use std::time::Duration;

use promodesk_tests::app::{cli_json as cli, App};

use crate::database::Cluster;

fn bill(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/bills")
        .join(name)
        .display()
        .to_string()
}

/// 周年庆 through both bills' months, so each plaza's bill counts for it.
const ANNIVERSARY: [&str; 9] = [
    "campaign",
    "add",
    "--name",
    "周年庆",
    "--start",
    "2019-02-01",
    "--end",
    "2019-09-30",
    "--budget",
];

/// The team database: two plazas, each with 周年庆 and its own bill, 朝阳广场 with a campaign of
/// its own too; answers the URL of the head's login (the database's owner).
fn group(cluster: &Cluster) -> String {
    // The schema, made by the superuser; then the head's login, as IT would set it up.
    cli(&cluster.url, &["mall", "show", "--json"]);
    let sql = "CREATE ROLE pd_head LOGIN;
         GRANT USAGE ON SCHEMA public TO pd_head;
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pd_head;
         GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO pd_head;
         ALTER DATABASE e2e OWNER TO pd_head;";
    let made = std::process::Command::new("psql")
        .args([cluster.url.as_str(), "-qc", sql])
        .status()
        .expect("psql");
    assert!(made.success());
    let head = cluster.url.replacen("://postgres@", "://pd_head@", 1);
    let run = |args: &[&str]| cli(&head, args);
    run(&["team", "name", "李总"]);
    run(&["mall", "set", "--name", "海淀广场"]);
    run(&[&ANNIVERSARY[..], &["1000"]].concat());
    run(&["import", &bill("wechatpay-tradebill-ALL.csv"), "--json"]);
    run(&["team", "add-plaza", "朝阳广场"]);
    let chaoyang = |args: &[&str]| run(&[&["--plaza", "朝阳广场"][..], args].concat());
    chaoyang(&[&ANNIVERSARY[..], &["2000"]].concat());
    chaoyang(&[
        "campaign",
        "add",
        "--name",
        "朝阳店庆",
        "--start",
        "2019-10-01",
        "--end",
        "2019-10-07",
        "--budget",
        "500",
    ]);
    chaoyang(&["import", &bill("alipay-trade-detail-gbk.csv"), "--json"]);
    head
}

/// Forgets the plaza the app remembered for the throwaway `url` in this user's config file.
fn forget_plaza(url: &str) {
    let Some(file) = promodesk_core::db::remembered_file() else {
        return;
    };
    let Ok(text) = std::fs::read_to_string(&file) else {
        return;
    };
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if let Some(plazas) = json.get_mut("plazas").and_then(|p| p.as_object_mut()) {
        plazas.remove(&promodesk_core::sql::pg::redact(url));
        if plazas.is_empty() && json.get("team_url").is_none() {
            // Nothing else was kept there: as before the test, no file.
            let _ = std::fs::remove_file(&file);
        } else {
            let _ = std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap());
        }
    }
}

async fn campaign_names(app: &App) -> Vec<String> {
    app.click("[data-testid=nav-campaigns]").await;
    app.find("[data-testid=campaign-row]").await;
    app.campaign_names().await
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn the_head_switches_plaza_and_compares_a_campaign_across_both() {
    let cluster = Cluster::start();
    let head = group(&cluster);
    forget_plaza(&head);
    let app = App::start_on_team(&head).await;
    let mut report = Vec::new();

    // The first plaza, named in the sidebar with the other to choose.
    app.until("the plaza switcher", || async {
        !app.find_all("[data-testid=plaza-switch]").await.is_empty()
    })
    .await;
    let options = app
        .eval("return [...document.querySelectorAll('[data-testid=plaza-switch] option')].map(o => o.textContent.trim());")
        .await;
    assert_eq!(options, serde_json::json!(["朝阳广场", "海淀广场"]));
    let chosen = "return (s => s.options[s.selectedIndex].textContent.trim())(document.querySelector('[data-testid=plaza-switch]'));";
    assert_eq!(app.eval(chosen).await, "海淀广场");
    let names = campaign_names(&app).await;
    assert_eq!(names, ["周年庆"], "海淀广场's own campaigns");

    // Switch: the campaigns screen reads again, 朝阳广场's own.
    app.eval(
        "const s = document.querySelector('[data-testid=plaza-switch]'); \
         s.value = [...s.options].find(o => o.textContent.trim() === '朝阳广场').value; \
         s.dispatchEvent(new Event('change', { bubbles: true })); return null;",
    )
    .await;
    app.until("朝阳广场's campaigns", || async {
        let names = app.campaign_names().await;
        names.contains(&"朝阳店庆".to_string())
    })
    .await;
    assert_eq!(app.eval(chosen).await, "朝阳广场");
    for lang in ["zh-CN", "en"] {
        app.switch_language(lang).await;
        for (w, h) in [(1024u32, 700u32), (1440, 900)] {
            app.client
                .set_window_rect(0, 0, w, h)
                .await
                .expect("window size");
            tokio::time::sleep(Duration::from_millis(600)).await;
            for f in crate::layout::faults(&app).await {
                report.push(format!("switcher {lang} {w}×{h}: {f}"));
            }
            app.screenshot(&format!("plaza-switcher-{lang}-{w}x{h}"))
                .await;
        }
    }

    // Statistics: 周年庆 side by side, each plaza's figures from its own bill.
    app.switch_language("zh-CN").await;
    app.click("[data-testid=nav-statistics]").await;
    app.find("[data-testid=plaza-compare]").await;
    app.eval(
        "const s = document.querySelector('[data-testid=plaza-compare-campaign]'); \
         s.value = '周年庆'; s.dispatchEvent(new Event('change', { bubbles: true })); return null;",
    )
    .await;
    app.click("[data-testid=plaza-compare-show]").await;
    app.find("[data-testid=plaza-table]").await;
    let columns: Vec<String> = {
        let mut out = Vec::new();
        for el in app.find_all("[data-testid=plaza-column]").await {
            out.push(promodesk_tests::app::text_of(&el).await);
        }
        out
    };
    assert_eq!(columns, ["朝阳广场", "海淀广场"]);
    let row = |wallet: &str, figure: &str| {
        format!(
            "return [...document.querySelectorAll('[data-testid=plaza-row][data-wallet={wallet}][data-figure={figure}] td.num')].map(td => td.textContent.trim());"
        )
    };
    let totals = app.eval(&row("total", "order")).await;
    let totals: Vec<String> = serde_json::from_value(totals).unwrap();
    assert_eq!(totals.len(), 2);
    assert!(totals.iter().all(|t| t.starts_with('¥')), "{totals:?}");
    assert_ne!(totals[0], totals[1], "each plaza's own figures");
    // 朝阳广场 took Alipay only (its bill), 海淀广场 WeChat Pay only.
    let alipay: Vec<String> =
        serde_json::from_value(app.eval(&row("alipay", "order")).await).unwrap();
    let wechat: Vec<String> =
        serde_json::from_value(app.eval(&row("wechat_pay", "order")).await).unwrap();
    assert_eq!(alipay[1], "¥0.00", "{alipay:?}");
    assert_eq!(wechat[0], "¥0.00", "{wechat:?}");
    assert_ne!(alipay[0], "¥0.00");
    assert_ne!(wechat[1], "¥0.00");
    let counts: Vec<String> =
        serde_json::from_value(app.eval(&row("total", "redemptions")).await).unwrap();
    assert!(counts.iter().all(|c| c.ends_with(" 笔")), "{counts:?}");
    // Each column is the plaza's own statistics: 朝阳广场's total is its Statistics screen's.
    let listed = cli(
        &head,
        &["--plaza", "朝阳广场", "campaign", "list", "--json"],
    );
    let id = listed
        .as_array()
        .and_then(|l| l.iter().find(|c| c["name"] == "周年庆"))
        .map(|c| c["id"].to_string())
        .expect("周年庆 in 朝阳广场");
    let own = cli(
        &head,
        &["--plaza", "朝阳广场", "stats", "--campaign", &id, "--json"],
    );
    assert_eq!(
        totals[0].replace(['¥', ','], ""),
        own["order"].as_str().unwrap_or_default(),
        "{own}"
    );
    for lang in ["zh-CN", "en"] {
        app.switch_language(lang).await;
        for (w, h) in [(1024u32, 700u32), (1440, 900)] {
            app.client
                .set_window_rect(0, 0, w, h)
                .await
                .expect("window size");
            tokio::time::sleep(Duration::from_millis(600)).await;
            app.scroll_to("[data-testid=plaza-compare]").await;
            for f in crate::layout::faults(&app).await {
                report.push(format!("comparison {lang} {w}×{h}: {f}"));
            }
            app.screenshot(&format!("plaza-compare-{lang}-{w}x{h}"))
                .await;
        }
    }
    app.close().await;

    // The next start opens in the plaza chosen last.
    let again = App::start_on_team(&head).await;
    again
        .until("the switcher", || async {
            !again
                .find_all("[data-testid=plaza-switch]")
                .await
                .is_empty()
        })
        .await;
    assert_eq!(again.eval(chosen).await, "朝阳广场");
    let names = campaign_names(&again).await;
    assert!(names.contains(&"朝阳店庆".to_string()), "{names:?}");
    again.close().await;
    forget_plaza(&head);
    assert!(report.is_empty(), "layout faults:\n{}", report.join("\n"));
}
