//! Printables: each voucher's QR reads back as its own code, the PDFs carry the offer's text
//! (through pdftotext) and the poster exactly one image, its QR code.

use super::*;
use crate::codes::{self, GenerateSpec};
use crate::coupon::{self, Product};

fn db_with_pool(codes: u32) -> (Db, i64) {
    let mut db = Db::open_in_memory().unwrap();
    let id = crate::codes::tests::campaign_with(&mut db, &[Product::WechatMerchant], 1000)[0];
    let mut c = coupon::get(&db, id).unwrap();
    c.spec.description = "仅限实体店使用\n不与其他优惠同享".into();
    coupon::edit(&mut db, id, &c.spec).unwrap();
    let spec = GenerateSpec {
        count: codes,
        prefix: "MX".into(),
        length: 12,
    };
    codes::generate(&mut db, id, &spec, false).unwrap();
    (db, id)
}

fn spec(coupon: i64, printable: Printable) -> PrintSpec {
    PrintSpec {
        coupon,
        printable,
        link: "https://pay.weixin.qq.com/claim?stock_id=1200009999".into(),
        first: 0,
        count: None,
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    String::from_utf8(out.stdout).unwrap()
}

fn image_count(bytes: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdfimages")
        .args(["-list", path.to_str().unwrap()])
        .output()
        .expect("pdfimages (poppler-utils)");
    // Two header lines, then one line per image.
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .count()
}

#[test]
fn every_voucher_qr_reads_back_as_its_own_code() {
    let (db, id) = db_with_pool(23);
    let (pages, vouchers) = pages(&db, &spec(id, Printable::Vouchers), Lang::ZhCn).unwrap();
    assert_eq!((pages.len(), vouchers), (3, 23));
    let codes = codes::pool_codes(&db, id).unwrap();
    let images: Vec<&std::sync::Arc<Vec<u8>>> = pages
        .iter()
        .flat_map(|p| &p.ops)
        .filter_map(|op| match op {
            canvas::Op::Image { png, .. } => Some(png),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 23);
    for (png, code) in images.iter().zip(&codes) {
        assert_eq!(&marks::tests::read_qr(png), code);
    }
    let (bytes, n, _) = render(&db, &spec(id, Printable::Vouchers), Lang::ZhCn).unwrap();
    assert_eq!(n, 3);
    let text = pdf_text(&bytes);
    for code in &codes {
        assert!(text.contains(code.as_str()), "{code} printed as text");
    }
    assert_eq!(text.matches("有效期 2027-03-06 至 2027-03-09").count(), 23);
}

#[test]
fn a_poster_has_the_offer_text_and_one_qr_image() {
    let (db, id) = db_with_pool(5);
    for printable in [Printable::PosterA4, Printable::PosterA3] {
        let (bytes, pages, _) = render(&db, &spec(id, printable), Lang::ZhCn).unwrap();
        assert_eq!(pages, 1);
        let text = pdf_text(&bytes);
        for expected in [
            "满200减30",
            "有效期 2027-03-06 至 2027-03-09",
            "全场通用",
            "仅限实体店使用",
            "微信支付 商家券",
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
        assert_eq!(image_count(&bytes), 1);
    }
    let (bytes, _, _) = render(&db, &spec(id, Printable::PosterA4), Lang::En).unwrap();
    assert!(pdf_text(&bytes).contains("¥30 off ¥200"));
}

#[test]
fn a_tent_has_two_faces_and_a_poster_without_a_link_no_image() {
    let (db, id) = db_with_pool(5);
    let (bytes, _, _) = render(&db, &spec(id, Printable::Tent), Lang::ZhCn).unwrap();
    assert_eq!(image_count(&bytes), 2, "one QR code on each face");
    assert!(pdf_text(&bytes).contains("满200减30"));
    let mut bare = spec(id, Printable::PosterA4);
    bare.link = String::new();
    let (bytes, _, _) = render(&db, &bare, Lang::ZhCn).unwrap();
    assert_eq!(image_count(&bytes), 0);
    bare.link = "weixin pay".into();
    assert_eq!(
        render(&db, &bare, Lang::ZhCn).unwrap_err().code(),
        "print.invalid"
    );
}

#[test]
fn a_print_is_written_whole_to_a_pdf_path_only() {
    let (db, id) = db_with_pool(5);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("poster.pdf");
    let done = write(&db, &spec(id, Printable::PosterA4), Lang::ZhCn, &out).unwrap();
    assert_eq!(done.bytes, std::fs::metadata(&out).unwrap().len());
    let wrong = write(
        &db,
        &spec(id, Printable::PosterA4),
        Lang::ZhCn,
        &dir.path().join("p.png"),
    );
    assert_eq!(wrong.unwrap_err().code(), "print.wrong_extension");
    let mut many = spec(id, Printable::Vouchers);
    many.count = Some(MAX_VOUCHERS + 1);
    assert_eq!(
        render(&db, &many, Lang::ZhCn).unwrap_err().code(),
        "print.invalid"
    );
}

/// Writes the printables to $PROMODESK_PRINT_SAMPLES to look at (skipped without it).
#[test]
fn samples_to_look_at() {
    let Some(dir) = std::env::var_os("PROMODESK_PRINT_SAMPLES") else {
        return;
    };
    let (db, id) = db_with_pool(12);
    for (name, printable, lang) in [
        ("poster-a4-zh", Printable::PosterA4, Lang::ZhCn),
        ("poster-a3-en", Printable::PosterA3, Lang::En),
        ("tent-zh", Printable::Tent, Lang::ZhCn),
        ("vouchers-zh", Printable::Vouchers, Lang::ZhCn),
    ] {
        let out = std::path::Path::new(&dir).join(format!("{name}.pdf"));
        write(&db, &spec(id, printable), lang, &out).unwrap();
    }
}
