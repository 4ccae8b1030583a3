//! Every kind of bad file: refused with line and column, nothing written.

use super::*;

fn refused(bytes: &[u8], name: &str) -> ImportError {
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, name, bytes);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(trade_count(&db), 0, "nothing written for {name}");
    assert_eq!(batch_count(&db), 0, "no batch for {name}");
    err
}

#[test]
fn bad_files_are_refused_with_line_and_column_and_nothing_written() {
    assert_eq!(refused(b"", "empty.csv").code(), "import.empty");
    assert_eq!(
        refused(b"\x00\x01\x02binary", "x.bin").code(),
        "import.binary"
    );
    assert_eq!(
        refused("hello,world\n1,2\n".as_bytes(), "other.csv").code(),
        "import.unknown_format"
    );

    let text = wechat_text();
    let lines: Vec<&str> = text.lines().collect();

    // Truncated: the summary is gone.
    let cut = lines[..40].join("\n");
    assert_eq!(
        refused(cut.as_bytes(), "cut.csv").code(),
        "import.truncated"
    );

    // Cut in the middle of a row.
    let mut mid = lines[..10].join("\n");
    mid.push_str("\n`2019-02-19 05:01:46,`wx,`19");
    let err = refused(mid.as_bytes(), "mid.csv");
    assert_eq!(err.code(), "import.column_count");
    assert_eq!(err.line(), Some(11));

    // A missing column.
    let no_fee = text.replacen("手续费,", "费用,", 1);
    let err = refused(no_fee.as_bytes(), "nofee.csv");
    assert_eq!(err.code(), "import.missing_column");
    assert!(err.to_string().contains("手续费"));

    let replace_line = |n: usize, from: &str, to: &str| {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        l[n - 1] = l[n - 1].replacen(from, to, 1);
        l.join("\n")
    };
    // Non-numeric amount on line 5 (a payment row).
    let err = refused(
        replace_line(5, "`0.01,`0.00,`0,`0", "`abc,`0.00,`0,`0").as_bytes(),
        "nan.csv",
    );
    assert_eq!((err.code(), err.line()), ("import.bad_value", Some(5)));
    assert!(err.to_string().contains("应结订单金额"), "{err}");
    // Impossible date.
    let err = refused(
        replace_line(3, "2019-02-19 05:01:46", "2019-02-30 05:01:46").as_bytes(),
        "date.csv",
    );
    assert_eq!((err.code(), err.line()), ("import.bad_value", Some(3)));
    assert!(err.to_string().contains("交易时间"));
    // A negative amount on a payment row.
    let err = refused(
        replace_line(4, "`CNY,`0.03,`0.00,", "`CNY,`0.03,`-0.50,").as_bytes(),
        "neg.csv",
    );
    assert_eq!(err.code(), "import.bad_value");
    assert!(err.to_string().contains("negative"), "{err}");
    // A huge field.
    let huge = replace_line(6, "autotest", &"x".repeat(200_000));
    assert_eq!(
        refused(huge.as_bytes(), "huge.csv").code(),
        "import.line_too_long"
    );

    // Personal bills.
    let personal =
        "微信支付账单明细\n微信昵称：[x]\n交易时间,交易类型,交易对方,商品,收/支,金额(元)\n";
    assert_eq!(
        refused(personal.as_bytes(), "wx-personal.csv").code(),
        "import.personal_bill"
    );
    let ali_personal = encoding_rs::GBK
        .encode("支付宝交易记录明细查询\n账号:[x]\n交易号,商家订单号,交易创建时间,收/支\n")
        .0
        .into_owned();
    let err = refused(&ali_personal, "ali-personal.csv");
    assert_eq!(err.code(), "import.personal_bill");
    assert!(err.to_string().contains("personal Alipay bill"));
}

#[test]
fn zip_traversal_and_missing_detail_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "../../etc/业务明细.csv".as_bytes().to_vec();
    let path = alipay_zip(&dir, &[(&evil, b"x")]);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(err.code(), "import.zip_traversal", "{err}");
    let dir2 = tempfile::tempdir().unwrap();
    let path = alipay_zip(&dir2, &[(b"readme.txt", b"hello")]);
    assert_eq!(
        import(&mut db, &path).unwrap_err().code(),
        "import.zip_no_detail"
    );
    assert_eq!(trade_count(&db), 0);
}

#[test]
fn line_numbers_count_from_the_header() {
    let text = wechat_text();
    let lines: Vec<&str> = text.lines().collect();
    for n in [2usize, 3, 10] {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        l[n - 1] = l[n - 1].replacen("`2019-02-19", "`2019-13-19", 1);
        for eol in ["\n", "\r\n"] {
            let err = refused(l.join(eol).as_bytes(), "l.csv");
            assert_eq!(err.line(), Some(n as u64), "{eol:?}: {err}");
        }
    }
}

#[test]
fn a_zip_entry_claiming_to_be_huge_is_refused_before_decompressing() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let mut bytes = raw_zip(&[(&gbk("2088_20190916_业务明细.csv"), b"#x")]);
    // Make both headers claim a 4 GiB uncompressed size (a ZIP bomb's promise).
    let local_size = 22; // offset of "uncompressed size" in the local header
    bytes[local_size..local_size + 4].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    let central = bytes
        .windows(4)
        .position(|w| w == 0x0201_4b50_u32.to_le_bytes())
        .unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = temp(&dir, "bomb.zip", &bytes);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!(err.code(), "import.zip_too_large", "{err}");
    assert_eq!(trade_count(&db), 0);
}

/// The message a marketing assistant reads: says what to do, in both languages, no CLI flags.
fn actionable(err: &ImportError, en: &str, zh: &str) {
    let text = err.localized();
    assert!(text.en.contains(en), "{}", text.en);
    assert!(text.zh.contains(zh), "{}", text.zh);
    assert!(
        !text.en.contains("--") && !text.zh.contains("--"),
        "{text:?}"
    );
}

#[test]
fn bills_re_saved_by_a_spreadsheet_are_refused_at_the_damaged_line() {
    let day = |name: &str| String::from_utf8(std::fs::read(fixture(name)).unwrap()).unwrap();
    let on_line = |text: &str, n: usize, from: &str, to: &str| {
        let mut l: Vec<String> = text.lines().map(str::to_string).collect();
        assert!(l[n - 1].contains(from), "line {n} has {from}");
        l[n - 1] = l[n - 1].replacen(from, to, 1);
        l.join("\r\n")
    };
    let all = day("wechatpay-tradebill-day-ALL.csv");
    // (bytes, line, column shown)
    let cases: Vec<(Vec<u8>, u64, &str)> = vec![
        (
            on_line(&all, 5, "`4200001978202703081234567803", "`4.20000E+27").into(),
            5,
            "微信订单号",
        ),
        (
            on_line(
                &wechat_text(),
                3,
                "`4200000263201902167700134202",
                "`4.2E+27",
            )
            .into(),
            3,
            "微信订单号",
        ),
        (
            on_line(
                &day("wechatpay-tradebill-day-REFUND.csv"),
                3,
                "`50300509102027030812345678902",
                "`5.03005E+28",
            )
            .into(),
            3,
            "微信退款单号",
        ),
        (
            on_line(
                &day("wechatpay-tradebill-day-SUCCESS.csv"),
                2,
                "`2027-03-08 09:12:05",
                "`2027/3/8 9:12",
            )
            .into(),
            2,
            "交易时间",
        ),
        // Backticks gone from every detail value: the first detail line is named.
        (all.replace('`', "").into(), 2, ""),
        (
            day("wechatpay-provider-2016.csv").replace('`', "").into(),
            2,
            "",
        ),
    ];
    let alipay = encoding_rs::GBK
        .decode(&std::fs::read(fixture(ALIPAY)).unwrap())
        .0
        .into_owned();
    let alipay = on_line(&alipay, 6, "2019091622001458860515315453", "2.01909E+27");
    let mut cases = cases;
    cases.push((
        encoding_rs::GBK.encode(&alipay).0.into_owned(),
        6,
        "支付宝交易号",
    ));
    for (bytes, line, column) in cases {
        let err = refused(&bytes, "resaved.csv");
        assert_eq!(err.code(), "import.resaved_by_spreadsheet", "{err}");
        assert_eq!(err.line(), Some(line), "{err}");
        assert!(err.to_string().contains(column), "{err}");
        actionable(&err, "Download the bill again", "重新下载账单");
    }
    // Genuine bills, backticks and long ids and all, are never taken for re-saved ones.
    for name in [
        WECHAT,
        ALIPAY,
        "wechatpay-tradebill-day-ALL.csv",
        "wechatpay-tradebill-day-SUCCESS.csv",
        "wechatpay-tradebill-day-REFUND.csv",
        "wechatpay-provider-2016.csv",
        "alipay-trade-detail-older-footer-gbk.csv",
    ] {
        let mut db = Db::open_in_memory().unwrap();
        import(&mut db, &fixture(name)).unwrap();
    }
}

#[test]
fn an_alipay_ledger_is_refused_saying_to_download_the_trade_detail() {
    let ledger = std::fs::read(fixture("alipay-ledger-gbk.csv")).unwrap();
    let err = refused(&ledger, "ledger.csv");
    assert_eq!((err.code(), err.line()), ("import.alipay_ledger", Some(1)));
    actionable(&err, "业务明细 (trade detail)", "下载同一日期的业务明细");
    // Without its title line the column header still gives it away, on its own line.
    let text = encoding_rs::GBK.decode(&ledger).0.into_owned();
    let rest: Vec<&str> = text.lines().skip(1).collect();
    let err = refused(
        &encoding_rs::GBK.encode(&rest.join("\r\n")).0,
        "ledger2.csv",
    );
    assert_eq!((err.code(), err.line()), ("import.alipay_ledger", Some(4)));
    // Delivered as a ZIP of 账务明细 files.
    let name = encoding_rs::GBK
        .encode("20881021234567890156_20170614_账务明细.csv")
        .0
        .into_owned();
    let dir = tempfile::tempdir().unwrap();
    let path = alipay_zip(&dir, &[(&name, &ledger)]);
    let mut db = Db::open_in_memory().unwrap();
    let err = import(&mut db, &path).unwrap_err();
    assert_eq!((err.code(), err.line()), ("import.alipay_ledger", None));
    assert_eq!((trade_count(&db), batch_count(&db)), (0, 0));
}

#[test]
fn personal_exports_are_refused_in_every_real_shape() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            std::fs::read(fixture("wechat-personal-export.csv")).unwrap(),
            "WeChat Pay",
        ),
        (
            "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n2027-03-08 10:03:44,商户消费,星巴克,拿铁,支出,¥88.80,零钱,支付成功,4200001978202703081234567802\t,SBUX0308000231\t,/\n".into(),
            "WeChat Pay",
        ),
        (
            std::fs::read(fixture("alipay-personal-2017-gbk.csv")).unwrap(),
            "Alipay",
        ),
        (
            std::fs::read(fixture("alipay-personal-2027-gbk.csv")).unwrap(),
            "Alipay",
        ),
        (
            "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n2027-03-08 12:10:35,餐饮美食,味千拉面,wq***@163.com,拉面,支出,42.00,花呗,交易成功,2027030822001435871412345678\t,GN20270308121033\t,\n".into(),
            "Alipay",
        ),
    ];
    for (bytes, provider) in cases {
        let err = refused(&bytes, "personal.csv");
        assert_eq!(err.code(), "import.personal_bill", "{provider}: {err}");
        assert!(
            err.to_string()
                .contains(&format!("personal {provider} bill")),
            "{err}"
        );
        actionable(&err, "merchant trade bill", "商户平台下载");
    }
}
