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
