//! Settings → Database: which database this computer uses, and connecting to a team database,
//! with what goes wrong said in words.

use promodesk_tests::app::{cli_json, App};

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn settings_names_the_local_database_and_a_wrong_address_or_absent_server_is_told_in_words() {
    let app = App::start().await;
    app.click("[data-testid=load-demo]").await;
    app.find("[data-testid=home-results]").await;
    // The local file is one mall: no plaza in the sidebar, no comparison across plazas.
    assert!(app.find_all("[data-testid=plaza]").await.is_empty());
    app.click("[data-testid=nav-statistics]").await;
    app.find("[data-testid=kpi-cards]").await;
    assert!(app.find_all("[data-testid=plaza-compare]").await.is_empty());
    app.click("[data-testid=nav-settings]").await;
    let location = app.text("[data-testid=database-location]").await;
    assert!(location.ends_with(".db"), "{location}");

    // Not an address at all.
    app.fill("[data-testid=team-url]", "mall-db:5432").await;
    app.fill("[data-testid=team-password]", "secret").await;
    app.click("[data-testid=team-connect]").await;
    app.until("the refusal shown", || async {
        !app.find_all("[data-testid=team-error]").await.is_empty()
    })
    .await;
    let message = app.text("[data-testid=team-error]").await;
    assert!(message.contains("postgres://"), "{message}");

    // An address whose server does not answer: said as such, without the password.
    app.fill(
        "[data-testid=team-url]",
        "postgresql://li@/promodesk?host=/nonexistent-promodesk",
    )
    .await;
    app.click("[data-testid=team-connect]").await;
    app.until("the unreachable server told", || async {
        app.text("[data-testid=team-error]")
            .await
            .contains("did not answer")
    })
    .await;
    let message = app.text("[data-testid=team-error]").await;
    assert!(!message.contains("secret"), "{message}");
    app.screenshot("settings-team-unreachable").await;
    // Nothing changed: still the local database.
    assert_eq!(app.text("[data-testid=database-location]").await, location);
    app.close().await;
}

/// A throwaway PostgreSQL cluster for one test (scripts/pg-test-cluster.sh), stopped on drop;
/// `url` is its database `e2e`, as the superuser `postgres`.
pub(crate) struct Cluster {
    dir: std::path::PathBuf,
    pub(crate) url: String,
}

impl Cluster {
    pub(crate) fn start() -> Cluster {
        let dir = std::env::temp_dir().join(format!("promodesk-e2e-pg-{}", std::process::id()));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg-test-cluster.sh");
        let out = std::process::Command::new(script)
            .arg("start")
            .arg(&dir)
            .output()
            .expect("pg-test-cluster.sh");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let server = String::from_utf8(out.stdout).unwrap().trim().to_string();
        let created = std::process::Command::new("psql")
            .args([server.as_str(), "-qc", "CREATE DATABASE e2e"])
            .status()
            .expect("psql");
        assert!(created.success());
        let url = server.replacen("@/postgres?", "@/e2e?", 1);
        Cluster { dir, url }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg-test-cluster.sh");
        let _ = std::process::Command::new(script)
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn on_a_team_database_the_first_start_asks_the_name_the_history_shows() {
    let cluster = Cluster::start();
    let cli = |args: &[&str]| cli_json(&cluster.url, args);
    cli(&["demo"]);
    let app = App::start_on_team(&cluster.url).await;
    app.find("[data-testid=name-prompt]").await;
    app.screenshot("team-name-prompt").await;
    app.fill("[data-testid=name-input]", "王芳").await;
    app.click("[data-testid=name-save]").await;
    app.until("the prompt gone", || async {
        app.find_all("[data-testid=name-prompt]").await.is_empty()
    })
    .await;
    assert_eq!(cli(&["team", "whoami", "--json"])["display_name"], "王芳");
    // One plaza: named under the app's name, nothing to choose, nothing to compare.
    let mall = cli(&["mall", "show", "--json"]);
    assert_eq!(app.text("[data-testid=plaza-name]").await, mall["name"]);
    assert!(app.find_all("[data-testid=plaza-switch]").await.is_empty());
    app.click("[data-testid=nav-statistics]").await;
    app.find("[data-testid=stats-campaign]").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(app.find_all("[data-testid=plaza-compare]").await.is_empty());
    // The app works on the team database: Settings names it, without a password.
    app.click("[data-testid=nav-settings]").await;
    let location = app.text("[data-testid=database-location]").await;
    assert!(
        location.starts_with("postgresql://postgres@/e2e"),
        "{location}"
    );
    // Back up now: PostgreSQL's dump of the plaza, kept on this computer; IT restores it.
    app.click("[data-testid=backup-now]").await;
    app.until("the backup listed", || async {
        app.find_all("[data-testid=backup-item]").await.len() == 1
    })
    .await;
    assert!(app
        .text("[data-testid=backup-item]")
        .await
        .contains(".dump"));
    let folder = app.text("[data-testid=backup-folder]").await;
    assert!(folder.contains("team-backups"), "{folder}");
    assert!(app
        .find_all("[data-testid=backup-restore]")
        .await
        .is_empty());
    app.screenshot("team-settings").await;
    for (lang, (w, h)) in [
        ("en", (1440, 900)),
        ("zh", (1024, 700)),
        ("zh", (1440, 900)),
    ] {
        if lang == "zh" {
            app.switch_language("zh-CN").await;
        }
        app.client.set_window_rect(0, 0, w, h).await.unwrap();
        app.scroll_to("[data-testid=backup-folder]").await;
        app.screenshot(&format!("team-backups-{lang}-{w}x{h}"))
            .await;
    }
    app.close().await;
}
