//! Black-box tests of coupon codes and printables through the CLI: a pool generated, exported
//! for WeChat Pay's upload and as CSV, a list imported with its problems by line, the launch
//! checklist counting codes, a redemption file with a repeat, and the printed PDFs.

use promodesk_tests::Cli;

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/codes")
        .join(name)
        .display()
        .to_string()
}

/// A store, a 3.8 campaign and a coupon of `product` limited to that store; answers its id.
fn setup(cli: &Cli, product: &str, quantity: &str) -> String {
    let store = cli.json(&["store", "add", "--name", "女装 A", "--json"]);
    cli.ok(&["store", "add", "--name", "餐饮 B"]);
    let store = store["id"].as_i64().unwrap().to_string();
    let c = cli.json(&[
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
    let campaign = c["id"].as_i64().unwrap().to_string();
    let added = cli.json(&[
        "coupon",
        "add",
        "--campaign",
        &campaign,
        "--product",
        product,
        "--name",
        "满200减30",
        "--face",
        "30",
        "--threshold",
        "200",
        "--quantity",
        quantity,
        "--per-user",
        "1",
        "--store",
        &store,
        "--json",
    ]);
    added[0]["id"].as_i64().unwrap().to_string()
}

#[test]
fn a_generated_pool_exports_as_wechat_upload_requests_and_csv() {
    let cli = Cli::new();
    let coupon = setup(&cli, "wechat_merchant", "450");
    let pool = cli.json(&[
        "code", "generate", "--coupon", &coupon, "--prefix", "MX", "--json",
    ]);
    assert_eq!(pool["codes"], 450, "the coupon's quantity by default");
    assert_eq!(pool["upload_mode"], true);
    let codes = cli.json(&["code", "list", "--coupon", &coupon, "--json"]);
    let codes: Vec<&str> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(codes.iter().all(|c| c.len() == 12 && c.starts_with("MX")));

    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("upload.json");
    let done = cli.json(&[
        "code",
        "export",
        "--coupon",
        &coupon,
        "--format",
        "wechat",
        "--out",
        json_path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        (done["codes"].as_u64(), done["batches"].as_u64()),
        (Some(450), Some(3))
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let requests = doc["requests"].as_array().unwrap();
    let mut numbers = std::collections::HashSet::new();
    let mut back = Vec::new();
    for r in requests {
        let list = r["coupon_code_list"].as_array().unwrap();
        assert!((1..=200).contains(&list.len()));
        let no = r["upload_request_no"].as_str().unwrap();
        assert!(no.len() <= 128 && numbers.insert(no.to_string()), "{no}");
        back.extend(list.iter().map(|c| c.as_str().unwrap().to_string()));
    }
    assert_eq!(back, codes, "every code once, in order");

    let csv_path = dir.path().join("codes.csv");
    cli.ok(&[
        "code",
        "export",
        "--coupon",
        &coupon,
        "--format",
        "csv",
        "--out",
        csv_path.to_str().unwrap(),
        "--lang",
        "zh-CN",
    ]);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(csv.lines().count(), 451);
    assert!(csv.lines().nth(1).unwrap().starts_with(codes[0]));

    // Regenerating asks first; the payload says the mall uploads the codes.
    let again = cli.run(&["code", "generate", "--coupon", &coupon]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--replace"));
    let spec = cli.ok(&["coupon", "export-spec", &coupon]);
    assert!(spec.contains("MERCHANT_UPLOAD"));
}

#[test]
fn an_imported_list_is_checked_line_by_line_and_the_checklist_counts_codes() {
    let cli = Cli::new();
    let coupon = setup(&cli, "wechat_merchant", "10");
    let bad = cli.run(&[
        "code",
        "import",
        "--coupon",
        &coupon,
        &fixture("pos-codes-bad.csv"),
    ]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    for line in ["line 3", "line 4", "line 5", "line 6"] {
        assert!(err.contains(line), "{line} in: {err}");
    }
    assert!(!err.contains("line 2:"), "line 2 is fine: {err}");
    let pool = cli.json(&[
        "code",
        "import",
        "--coupon",
        &coupon,
        &fixture("pos-codes.txt"),
        "--json",
    ]);
    assert_eq!(pool["codes"], 6);
    let campaign = pool["campaign_id"].as_i64().unwrap().to_string();
    // A failing item makes `campaign check` exit non-zero; its JSON is printed all the same.
    let out = cli.run(&["campaign", "check", &campaign, "--json"]);
    assert!(!out.status.success());
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = check["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "codes.enough")
        .expect("the codes item");
    assert_eq!(item["status"], "fail");
    assert!(item["message"].as_str().unwrap().contains("6 codes for 10"));
}

#[test]
fn a_redemption_file_with_a_duplicate_use_is_reported_as_such() {
    let cli = Cli::new();
    let coupon = setup(&cli, "member_card", "10");
    cli.ok(&[
        "code",
        "import",
        "--coupon",
        &coupon,
        &fixture("pos-codes.txt"),
    ]);
    let read = cli.json(&[
        "code",
        "redemptions",
        &fixture("pos-redemptions.csv"),
        "--json",
    ]);
    assert_eq!(
        (read["rows"].as_u64(), read["unknown"].as_u64()),
        (Some(6), Some(1))
    );
    let u = cli.json(&["code", "usage", "--coupon", &coupon, "--json"]);
    assert_eq!(
        (
            u["issued"].as_u64(),
            u["used"].as_u64(),
            u["unused"].as_u64()
        ),
        (Some(6), Some(4), Some(2))
    );
    let repeated = u["repeated"].as_array().unwrap();
    assert_eq!(repeated.len(), 1);
    assert_eq!(repeated[0]["code"], "MALL-0001");
    let at: Vec<&str> = repeated[0]["uses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["at"].as_str().unwrap())
        .collect();
    assert_eq!(
        at,
        ["2027-03-06T10:15:00+08:00", "2027-03-07T16:40:00+08:00"]
    );
    assert_eq!(u["outside_validity"][0]["code"], "MALL-0003");
    assert_eq!(u["outside_stores"][0]["code"], "MALL-0004");
    assert_eq!(u["outside_stores"][0]["store"], "餐饮 B");
    let text = cli.ok(&["code", "usage", "--coupon", &coupon]);
    assert!(text.contains("used 2×: MALL-0001"), "{text}");
}

#[test]
fn posters_tents_and_vouchers_print_as_pdfs_with_the_offer_text() {
    let cli = Cli::new();
    let coupon = setup(&cli, "wechat_merchant", "25");
    cli.ok(&["code", "generate", "--coupon", &coupon]);
    let dir = tempfile::tempdir().unwrap();
    let link = "https://pay.weixin.qq.com/claim?stock_id=1200009999";
    let text = |path: &std::path::Path| {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils)");
        String::from_utf8(out.stdout).unwrap()
    };
    let poster = dir.path().join("poster.pdf");
    cli.ok(&[
        "print",
        "poster",
        "--coupon",
        &coupon,
        "--link",
        link,
        "--size",
        "a3",
        "--out",
        poster.to_str().unwrap(),
        "--lang",
        "zh-CN",
    ]);
    let t = text(&poster);
    assert!(
        t.contains("满200减30")
            && t.contains("适用门店：女装 A")
            && t.contains("有效期 2027-03-06 至 2027-03-09"),
        "{t}"
    );
    let tent = dir.path().join("tent.pdf");
    cli.ok(&[
        "print",
        "tent",
        "--coupon",
        &coupon,
        "--link",
        link,
        "--out",
        tent.to_str().unwrap(),
    ]);
    let vouchers = dir.path().join("vouchers.pdf");
    let done = cli.json(&[
        "print",
        "vouchers",
        "--coupon",
        &coupon,
        "--first",
        "11",
        "--out",
        vouchers.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        (done["vouchers"].as_u64(), done["pages"].as_u64()),
        (Some(15), Some(2))
    );
    let codes = cli.json(&["code", "list", "--coupon", &coupon, "--json"]);
    let t = text(&vouchers);
    assert!(t.contains(codes[10].as_str().unwrap()) && !t.contains(codes[9].as_str().unwrap()));
    let bad = cli.run(&[
        "print",
        "poster",
        "--coupon",
        &coupon,
        "--link",
        "not a link",
        "--out",
        poster.to_str().unwrap(),
    ]);
    assert!(!bad.status.success());
}
