//! The layout measured: nothing passes the printable width of its page, no table cell is cut.

use super::chart::nice_scale;
use super::*;
use crate::report::model::{Cell, Section, SectionId};

#[test]
fn axes_use_round_steps() {
    assert_eq!(nice_scale(95.0), (25.0, 100.0));
    assert_eq!(nice_scale(1234.0), (500.0, 1500.0));
}

#[test]
fn long_words_wrap_at_spaces_and_chinese_between_characters() {
    let (regular, bold) = crate::report::pdf::fonts::find().unwrap();
    let layout = Layout::new(&regular, &bold);
    let lines = layout.wrap("Unattributed coupon of the spring", 9.0, false, 70.0);
    assert!(lines.len() > 1, "{lines:?}");
    assert!(lines
        .iter()
        .all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
    assert_eq!(lines.join(" "), "Unattributed coupon of the spring");
    let zh = layout.wrap("朝阳大悦城一层东区国际美妆集合店", 9.0, false, 50.0);
    assert!(zh.len() > 2 && zh.concat() == "朝阳大悦城一层东区国际美妆集合店");
}

/// Every drawn thing of every page, with its right edge.
pub(crate) fn right_edges<'a>(
    layout: &'a Layout<'_>,
) -> impl Iterator<Item = (usize, f32, String)> + 'a {
    layout.pages.iter().enumerate().flat_map(move |(n, page)| {
        page.ops.iter().map(move |op| match op {
            Op::Text {
                x,
                size,
                bold,
                text,
                ..
            } => (n, x + layout.width(text, *size, *bold), text.clone()),
            Op::Rect { x, w, .. } => (n, x + w, "rectangle".into()),
            Op::Line { points, .. } => (
                n,
                points.iter().map(|p| p.0).fold(0.0, f32::max),
                "line".into(),
            ),
        })
    })
}

#[test]
fn a_wide_table_with_long_names_fits_without_cutting_a_cell() {
    let (regular, bold) = crate::report::pdf::fonts::find().unwrap();
    let mut layout = Layout::new(&regular, &bold);
    let long = "朝阳大悦城一层东区国际美妆集合店（旗舰店）Flagship Beauty Collective";
    let section = Section {
        id: SectionId::Stores,
        title: "门店".into(),
        columns: (0..14).map(|i| format!("每元优惠带动交易额 {i}")).collect(),
        rows: (0..40)
            .map(|r| {
                std::iter::once(Cell::text(format!("{long} {r}")))
                    .chain((1..14).map(|c| match c % 3 {
                        0 => Cell::Money(format!("{}.{:02}", 1_234_567 * c, r)),
                        1 => Cell::Ratio("0.1234".into()),
                        _ => Cell::Int(98_765 * c as i64),
                    }))
                    .collect()
            })
            .collect(),
    };
    layout.section(&section);
    assert!(
        layout.pages.iter().any(|p| p.w > p.h),
        "a 14-column table goes landscape"
    );
    for (page, right, what) in right_edges(&layout) {
        let limit = layout.pages[page].w - MARGIN + 0.5;
        assert!(
            right <= limit,
            "page {page}: '{what}' ends at {right} > {limit}"
        );
        assert!(!what.contains('…'), "a cell was cut: {what}");
    }
    // The long name is all there, over several lines.
    let text: String = layout
        .pages
        .iter()
        .flat_map(|p| &p.ops)
        .filter_map(|op| match op {
            Op::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(text.contains("旗舰店"), "the store name's end is printed");
}

#[test]
fn numbers_line_up_on_the_decimal_point() {
    let (regular, bold) = crate::report::pdf::fonts::find().unwrap();
    let mut layout = Layout::new(&regular, &bold);
    let section = Section {
        id: SectionId::Kpis,
        title: "t".into(),
        columns: vec!["a".into(), "b".into(), "c".into()],
        rows: vec![
            vec![Cell::text("x"), Cell::Money("1234.50".into()), Cell::Int(1)],
            vec![
                Cell::text("y"),
                Cell::Ratio("0.1234".into()),
                Cell::Int(1000),
            ],
            vec![Cell::text("z"), Cell::Change("-0.05".into()), Cell::Int(7)],
        ],
    };
    layout.section(&section);
    let point_x = |needle: &str| {
        layout.pages[0]
            .ops
            .iter()
            .find_map(|op| match op {
                Op::Text { x, size, text, .. } if text == needle => {
                    let head = text.split('.').next().unwrap();
                    Some(x + layout.width(head, *size, false))
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("{needle} not drawn"))
    };
    let money = point_x("¥1,234.50");
    assert!((money - point_x("12.34%")).abs() < 0.01);
    assert!((money - point_x("-5.00%")).abs() < 0.01);
}
