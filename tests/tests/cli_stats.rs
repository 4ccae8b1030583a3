//! Black-box tests of `promodesk stats` and `promodesk footfall`.

use promodesk_tests::{fixture_bill as bill, Cli};

fn loaded() -> Cli {
    load(Cli::new())
}

fn load(cli: Cli) -> Cli {
    cli.json(&[
        "import",
        &bill("wechatpay-tradebill-ALL.csv"),
        &bill("alipay-trade-detail-gbk.csv"),
        "--json",
    ]);
    cli
}

#[test]
fn filters_narrow_the_figures_and_groups_add_up() {
    let cli = loaded();
    let alipay = cli.json(&["stats", "--provider", "alipay", "--json"]);
    assert_eq!(
        (alipay["trades"].as_u64(), alipay["refunds"].as_u64()),
        (Some(6), Some(4))
    );
    let days = cli.json(&["stats", "--by", "day", "--json"]);
    let trades: u64 = days["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["trades"].as_u64().unwrap())
        .sum();
    assert_eq!(trades, 37);
    assert_eq!(
        days["groups"][0]["key"],
        serde_json::json!({"kind": "day", "date": "2019-02-19"})
    );
    let stores = cli.json(&["stats", "--by", "store", "--json"]);
    assert!(
        stores["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| ["unmatched", "no_merchant"].contains(&g["key"]["kind"].as_str().unwrap())),
        "no store holds the bills' merchants: {stores}"
    );
    let out = cli.run(&["stats", "--from", "2019-13-01", "--json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'2019-13-01' is not a date"));
}

#[test]
fn footfall_gives_conversion_and_a_bad_file_changes_nothing() {
    let cli = loaded();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("counts.csv");
    std::fs::write(
        &good,
        "日期,入口,客流\n2019-09-16,北门,400\n2019-09-16,南门,200\n",
    )
    .unwrap();
    let report = cli.json(&["footfall", "import", good.to_str().unwrap(), "--json"]);
    assert_eq!(report["inserted"], 2);
    let again = cli.json(&["footfall", "import", good.to_str().unwrap(), "--json"]);
    assert_eq!(
        (again["inserted"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(2))
    );
    let day = cli.json(&[
        "stats",
        "--from",
        "2019-09-16",
        "--to",
        "2019-09-16",
        "--json",
    ]);
    assert_eq!(day["trades"], 6);
    assert_eq!(day["visitors"], 600);
    assert_eq!(day["conversion"], "0.01");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "date,visitors\n2019-09-17,10\n2019-09-18,many\n").unwrap();
    let out = cli.run(&["footfall", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 3, column visitors: 'many'"),
        "{stderr}"
    );
    let listed = cli.json(&["footfall", "list", "--json"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "the bad file's good row is not in"
    );
}

#[test]
fn a_campaign_reports_its_cost_and_uplift() {
    let cli = loaded();
    let campaign = cli.json(&[
        "campaign",
        "add",
        "--name",
        "秋季",
        "--start",
        "2019-09-16",
        "--end",
        "2019-09-16",
        "--budget",
        "100",
        "--json",
    ]);
    let id = campaign["id"].to_string();
    let k = cli.json(&["stats", "--campaign", &id, "--json"]);
    assert_eq!(k["trades"], 6);
    assert_eq!(k["uplift"]["baseline"], "before");
    assert_eq!(k["uplift"]["baseline_from"], "2019-09-15");
    assert_eq!(k["uplift"]["base"]["trades"], 0);
    assert_eq!(
        k["uplift"]["trades_change"],
        serde_json::Value::Null,
        "no baseline trades, no ratio"
    );
    assert_eq!(k["cost"]["budget"], "100.00");
}

#[test]
fn export_writes_each_format_and_refuses_clearly() {
    let cli = loaded();
    let campaign = cli.json(&[
        "campaign",
        "add",
        "--name",
        "秋季",
        "--start",
        "2019-09-16",
        "--end",
        "2019-09-16",
        "--budget",
        "100",
        "--json",
    ]);
    let id = campaign["id"].to_string();
    let dir = tempfile::tempdir().unwrap();
    for (format, file, magic) in [
        ("xlsx", "r.xlsx", &b"PK"[..]),
        ("pdf", "r.pdf", &b"%PDF-"[..]),
        ("csv", "r.zip", &b"PK"[..]),
    ] {
        let out = dir.path().join(file);
        let summary = cli.json(&[
            "export",
            "--campaign",
            &id,
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(summary["format"], format);
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{format}");
    }
    let refused = |args: &[&str], expected: &str| {
        let out = cli.run(args);
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("export: ") && stderr.contains(expected),
            "{stderr}"
        );
    };
    let target = dir.path().join("x.pdf");
    refused(
        &[
            "export",
            "--campaign",
            "999",
            "--format",
            "pdf",
            "--out",
            target.to_str().unwrap(),
        ],
        "campaign 999 does not exist",
    );
    assert!(!target.exists(), "nothing written for an unknown campaign");
    let missing = dir.path().join("nope/x.pdf");
    refused(
        &[
            "export",
            "--campaign",
            &id,
            "--format",
            "pdf",
            "--out",
            missing.to_str().unwrap(),
        ],
        "cannot write",
    );
    refused(
        &[
            "export",
            "--campaign",
            &id,
            "--format",
            "docx",
            "--out",
            target.to_str().unwrap(),
        ],
        "'docx' is not a report format",
    );
    refused(
        &[
            "export",
            "--campaign",
            &id,
            "--format",
            "csv",
            "--out",
            target.to_str().unwrap(),
        ],
        "must end in .zip",
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        3,
        "only the three reports, no temporary files: {names:?}"
    );
}

/// The report's text, through pdftotext (poppler-utils, installed by scripts/setup.sh).
fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn an_export_speaks_the_language_chosen_in_the_app_unless_told_otherwise() {
    // The app's choice is written into the file here, as the app would.
    let cli = load(Cli::embedded());
    let campaign = cli.json(&[
        "campaign",
        "add",
        "--name",
        "秋季",
        "--start",
        "2019-09-16",
        "--end",
        "2019-09-16",
        "--budget",
        "100",
        "--json",
    ]);
    let id = campaign["id"].to_string();
    let dir = tempfile::tempdir().unwrap();
    let export = |file: &str, extra: &[&str]| {
        let out = dir.path().join(file);
        let mut args = vec!["export", "--campaign", &id, "--format", "pdf", "--out"];
        let path = out.to_str().unwrap().to_string();
        args.push(&path);
        args.extend_from_slice(extra);
        cli.ok(&args);
        pdf_text(&out)
    };
    // `Cli::run` sets PROMODESK_LANG=en: with no choice in the app, that decides.
    assert!(export("shell.pdf", &[]).contains("Key figures"));
    rusqlite::Connection::open(cli.db_path())
        .unwrap()
        .execute(
            "INSERT OR REPLACE INTO app_setting (key, value) VALUES ('language', 'zh-CN')",
            [],
        )
        .unwrap();
    let chosen = export("chosen.pdf", &[]);
    assert!(chosen.contains("核心指标"), "{chosen}");
    assert!(export("flag.pdf", &["--lang", "en"]).contains("Key figures"));
}
