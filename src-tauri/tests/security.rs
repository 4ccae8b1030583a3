//! The security configuration as tests: the window may do exactly what the README lists, the
//! CSP allows no remote or inline code, and the UI loads nothing from the network. A change to
//! any of these must change this file too, in the same review.

const CAPABILITIES: &str = include_str!("../capabilities/default.json");
const CONFIG: &str = include_str!("../tauri.conf.json");
const INDEX: &str = include_str!("../../ui/index.html");

#[test]
fn the_window_has_exactly_the_listed_permissions() {
    let caps: serde_json::Value = serde_json::from_str(CAPABILITIES).unwrap();
    let mut granted: Vec<&str> = caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission ids, no scoped objects"))
        .collect();
    granted.sort_unstable();
    assert_eq!(
        granted,
        [
            "core:app:allow-version",
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "dialog:allow-open",
            "dialog:allow-save",
            "opener:allow-reveal-item-in-dir",
            "window-state:allow-restore-state",
            "window-state:allow-save-window-state",
        ]
    );
    assert_eq!(caps["windows"], serde_json::json!(["main"]));
    for forbidden in [
        "fs:",
        "shell:",
        "http:",
        "opener:allow-open",
        "opener:default",
    ] {
        assert!(
            !CAPABILITIES.contains(forbidden),
            "{forbidden} must not be granted"
        );
    }
}

#[test]
fn the_csp_allows_no_remote_inline_or_eval_code() {
    let config: serde_json::Value = serde_json::from_str(CONFIG).unwrap();
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["style-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-ancestors"], "'none'");
    let all = csp.to_string();
    assert!(!all.contains("unsafe"), "{all}");
    assert!(!all.contains("https:") && !all.contains("blob:"), "{all}");
    // `data:` only for images: the mall's logo, kept in the database, is shown from its bytes.
    // An image cannot run code; scripts, styles and frames still take only the app's own files.
    for (directive, value) in csp.as_object().unwrap() {
        let value = value.as_str().unwrap();
        assert!(
            directive == "img-src" || !value.contains("data:"),
            "{directive}: {value}"
        );
    }
    assert_eq!(csp["img-src"], "'self' asset: http://asset.localhost data:");
    for url in all.split(' ').filter(|w| w.contains("http://")) {
        assert!(
            url.contains(".localhost"),
            "remote origin in the CSP: {url}"
        );
    }
    assert_eq!(config["app"]["withGlobalTauri"], false);
}

#[test]
fn the_ui_loads_nothing_from_the_network() {
    for remote in ["http://", "https://", "//cdn", "<script src=\"http"] {
        assert!(!INDEX.contains(remote), "ui/index.html references {remote}");
    }
}
