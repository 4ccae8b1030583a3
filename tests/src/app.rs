//! Driving the real desktop app through tauri-driver (WebDriver over WebKitWebDriver).
//!
//! `scripts/e2e.sh` starts Xvfb and tauri-driver, runs these tests, and always stops the driver.
//! Each test gets its own app process on its own temporary database, passed as `--db`.

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// The app binary: `PROMODESK_APP_BIN`, else the one built beside these tests.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("PROMODESK_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::target_dir().join("promodesk-app"));
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build -p promodesk-app` (make test does)",
        path.display()
    );
    path
}

fn driver_url() -> String {
    std::env::var("TAURI_DRIVER_URL").unwrap_or_else(|_| "http://127.0.0.1:4444".into())
}

/// One running app with a fresh database. Dropping it ends the WebDriver session even when the
/// test panicked, so one failure cannot block the sessions of the tests after it.
pub struct App {
    pub client: Client,
    _db_dir: tempfile::TempDir,
    pub db_path: PathBuf,
    session: Option<String>,
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            delete_session(&id);
        }
    }
}

/// `DELETE /session/{id}` over a plain blocking socket (Drop cannot await).
fn delete_session(id: &str) {
    use std::io::{Read, Write};
    let url = driver_url();
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    if let Ok(mut stream) = std::net::TcpStream::connect(host) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let request = format!(
            "DELETE /session/{id} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        if stream.write_all(request.as_bytes()).is_ok() {
            let mut reply = Vec::new();
            let _ = stream.read_to_end(&mut reply);
        }
    }
}

const WAIT: Duration = Duration::from_secs(15);

impl App {
    /// Starts the app on an empty database and waits for its first screen.
    pub async fn start() -> App {
        App::start_with(|_| {}).await
    }

    /// Starts the app after `prepare` has filled its database (e.g. through the CLI).
    pub async fn start_with(prepare: impl FnOnce(&std::path::Path)) -> App {
        let app = App::launch(App::prepared(prepare)).await;
        app.find("[data-testid=nav-campaigns]").await;
        app
    }

    /// Starts the app on a team database (`url`) and waits for its sidebar.
    pub async fn start_on_team(url: &str) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let app = App::launch((dir, PathBuf::from(url))).await;
        app.find("[data-testid=nav-campaigns]").await;
        app
    }

    /// Starts the app after `prepare` has filled its database and times its start-up: from the
    /// WebDriver session request (which launches the process) until `ready` (a CSS selector)
    /// matches, looked for every `every`. Preparing the database is not timed.
    pub async fn start_timed(
        prepare: impl FnOnce(&std::path::Path),
        ready: &str,
        every: Duration,
    ) -> (App, Duration) {
        let db = App::prepared(prepare);
        let started = std::time::Instant::now();
        let app = App::launch(db).await;
        app.client
            .wait()
            .at_most(WAIT)
            .every(every)
            .for_element(Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("never ready ({ready}): {e}"));
        let took = started.elapsed();
        (app, took)
    }

    /// A temporary folder and, in it, the database path after `prepare` has filled it.
    fn prepared(prepare: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_path = dir.path().join("e2e.db");
        prepare(&db_path);
        (dir, db_path)
    }

    /// Launches the app on `db` through tauri-driver, without waiting for anything on screen.
    async fn launch((dir, db_path): (tempfile::TempDir, PathBuf)) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": app_binary(),
                "args": ["--db", db_path],
            }),
        );
        // Two rustls providers are linked in (see Cargo.toml); the first caller installs one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .expect("rustls connector")
            .capabilities(caps)
            .connect(&driver_url())
            .await
            .expect("connect to tauri-driver (is scripts/e2e.sh running it?)");
        let session = client.session_id().await.ok().flatten();
        App {
            client,
            _db_dir: dir,
            db_path,
            session,
        }
    }

    /// Waits for the element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// All elements matching a CSS selector, right now.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Clicks through the DOM rather than the pointer: WebKitWebDriver reports table rows as not
    /// displayed and refuses pointer clicks on them.
    pub async fn js_click(&self, css: &str) {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).expect("element as JSON");
        self.client
            .execute("arguments[0].click();", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Runs a script in the page and returns its value.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script {script}: {e}"))
    }

    /// An attribute of the element matching a CSS selector.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.unwrap_or(None)
    }

    /// Scrolls an element into view, for screenshots of what lies below the fold.
    pub async fn scroll_to(&self, css: &str) {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).expect("element as JSON");
        self.client
            .execute("arguments[0].scrollIntoView({block: 'start'});", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    }

    /// Replaces the text of an input.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear().await.expect("clear");
        el.send_keys(text).await.expect("type");
    }

    /// The text content of an element. WebKitWebDriver reports table cells as not displayed
    /// (and so their WebDriver "text" as empty) although they render, so this reads the DOM's
    /// `textContent`, which is exactly what the user sees for our plain-text cells.
    pub async fn text(&self, css: &str) -> String {
        text_of(&self.find(css).await).await
    }

    /// Waits until `check` holds, polling; panics with `what` after the timeout.
    pub async fn until<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = tokio::time::Instant::now() + WAIT;
        while tokio::time::Instant::now() < deadline {
            if check().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for: {what}");
    }

    /// The text of every campaign row's name cell.
    pub async fn campaign_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for el in self.find_all("[data-testid=campaign-name]").await {
            names.push(text_of(&el).await);
        }
        names
    }

    /// Loads the demo through the welcome dialog, which then shows the home screen, and opens
    /// the campaign list.
    pub async fn load_demo(&self) {
        self.click("[data-testid=load-demo]").await;
        self.find("[data-testid=home-results]").await;
        self.click("[data-testid=nav-campaigns]").await;
        self.until("demo campaigns listed", || async {
            self.find_all("[data-testid=campaign-row]").await.len() == 6
        })
        .await;
    }

    /// Saves a screenshot of the virtual display to `$PROMODESK_SHOTS/<name>.png` when that
    /// folder is set. It uses ImageMagick's `import` on the X display rather than WebDriver's
    /// screenshot, which WebKitWebDriver sometimes never answers (and then the session hangs).
    pub async fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("PROMODESK_SHOTS") else {
            return;
        };
        // Let the last DOM change reach the screen.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = std::fs::create_dir_all(&dir);
        let path = PathBuf::from(dir).join(format!("{name}.png"));
        let status = std::process::Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!("screenshot {name}: `import` failed ({status:?})");
        }
    }

    /// Drags an element by `dx`, `dy` pixels with the mouse, in small steps as a hand would.
    ///
    /// The calendar re-renders its events after every data load, so the element found may be
    /// replaced before the pointer reaches it; WebKitWebDriver then refuses the whole action
    /// before anything moved, and the drag is retried on the fresh element.
    pub async fn drag_by(&self, css: &str, dx: f64, dy: f64) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let mut last_error = String::new();
        for _attempt in 0..5 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let element = self.find(css).await;
            let mut mouse = MouseActions::new("mouse".into())
                .then(PointerAction::MoveToElement {
                    element,
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                })
                .then(PointerAction::Down {
                    button: MOUSE_BUTTON_LEFT,
                });
            let steps = 10;
            for _ in 0..steps {
                mouse = mouse.then(PointerAction::MoveBy {
                    duration: Some(Duration::from_millis(30)),
                    x: dx / steps as f64,
                    y: dy / steps as f64,
                });
            }
            mouse = mouse.then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
            match self.client.perform_actions(mouse).await {
                Ok(()) => return,
                Err(e) => {
                    last_error = e.to_string();
                    let _ = self.client.release_actions().await;
                }
            }
        }
        panic!("drag {css}: {last_error}");
    }

    /// Runs the CLI on this app's database (the app keeps it open; WAL lets both in).
    pub fn cli(&self, args: &[&str]) -> serde_json::Value {
        cli_json(&self.db_path, args)
    }

    /// The interface language the page shows (`zh-CN`, `en`).
    pub async fn language(&self) -> String {
        self.eval("return document.documentElement.lang;")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Switches the interface to `lang` with the sidebar's toggle, unless it already shows it.
    pub async fn switch_language(&self, lang: &str) {
        if self.language().await != lang {
            self.click("[data-testid=toggle-language]").await;
            self.until("the other language", || async {
                self.language().await == lang
            })
            .await;
        }
    }

    /// Ends the WebDriver session, which closes the app.
    pub async fn close(mut self) {
        self.session = None;
        let _ = self.client.clone().close().await;
    }
}

/// An element's `textContent`, trimmed.
pub async fn text_of(el: &Element) -> String {
    el.prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Imports the two sample bills (WeChat Pay ALL, Alipay 业务明细) and `more` files into `db`;
/// returns the import's JSON, one object per file.
pub fn import_sample_bills(db: &std::path::Path, more: &[&std::path::Path]) -> serde_json::Value {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bills");
    let mut files: Vec<PathBuf> = ["wechatpay-tradebill-ALL.csv", "alipay-trade-detail-gbk.csv"]
        .iter()
        .map(|f| fixtures.join(f))
        .collect();
    files.extend(more.iter().map(|p| p.to_path_buf()));
    let mut args: Vec<&str> = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().expect("UTF-8 path")));
    args.push("--json");
    cli_json(db, &args)
}

/// Runs `promodesk --db <db> ARGS` (a file or a team database's URL), asserting success, and
/// parses its JSON output.
pub fn cli_json(db: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(crate::cli_binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PROMODESK_LANG", "en")
        .output()
        .expect("run promodesk");
    assert!(
        out.status.success(),
        "promodesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Null for a command that prints words, not JSON (`demo`): what a test reads from it
    // then fails its own assertion.
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}
