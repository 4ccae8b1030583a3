//! Tables that fit the page: planned first (column widths, font size, orientation), then drawn
//! with headers repeated after a page break.
//!
//! Numbers keep their natural width and never wrap; text columns and headers share what is left
//! and wrap onto more lines. A table too wide for portrait goes on a landscape page; only a table
//! too wide for landscape too gets a smaller font. Numbers are right-aligned on their decimal
//! point, so ¥1,234.50 and 12.34% and 1,234 line up in one column.

use super::{Layout, Op, HEADER_BG, INK, LANDSCAPE, MARGIN, MUTED, PORTRAIT, RULE};
use crate::report::model::{Cell, Section};

const PAD: f32 = 8.0;
/// The narrowest a wrapping text column gets: about four Chinese characters.
const MIN_TEXT: f32 = 44.0;

/// How a table will be drawn.
struct Plan {
    size: f32,
    widths: Vec<f32>,
    landscape: bool,
}

fn is_number(cell: &Cell) -> bool {
    !matches!(cell, Cell::Text(_) | Cell::Empty)
}

/// A number's text split at its decimal point: `("¥1,234", ".50")`, `("12", ".34%")`.
fn split_decimal(text: &str) -> (&str, &str) {
    match text.find('.') {
        Some(at) => text.split_at(at),
        None => (text, ""),
    }
}

impl Layout<'_> {
    /// The widest piece of `text` that must not be broken: an English word, or a Chinese
    /// word of up to `keep` characters (a header such as 新增交易 stays whole; longer Chinese
    /// text breaks between characters, two at least).
    fn unbreakable(&self, text: &str, size: f32, bold: bool, keep: usize) -> f32 {
        text.split_whitespace()
            .map(|word| {
                let chars = word.chars().count();
                if word.is_ascii() || chars <= keep {
                    self.width(word, size, bold)
                } else {
                    self.width(&word.chars().take(2).collect::<String>(), size, bold)
                }
            })
            .fold(0.0, f32::max)
    }

    /// Column widths of `section` at font `size` for a page `avail` wide, or `None` when even
    /// wrapped text and headers leave the numbers no room.
    fn widths(
        &self,
        section: &Section,
        texts: &[Vec<String>],
        size: f32,
        avail: f32,
    ) -> Option<Vec<f32>> {
        let columns = section.columns.len();
        let numeric: Vec<bool> = (0..columns)
            .map(|c| section.rows.iter().any(|r| r.get(c).is_some_and(is_number)))
            .collect();
        let cells = |c: usize| texts.iter().filter_map(move |r| r.get(c));
        let widest = |c: usize| {
            cells(c)
                .map(|t| self.width(t, size, false))
                .fold(0.0, f32::max)
        };
        let header = |c: usize| self.width(&section.columns[c], size, true);
        // What each column needs at least: numbers their widest value, text a few characters
        // (or less when all its values are shorter); headers wrap.
        let least: Vec<f32> = (0..columns)
            .map(|c| {
                let header_word = self.unbreakable(&section.columns[c], size, true, 6);
                if numeric[c] {
                    widest(c).max(header_word) + PAD
                } else {
                    let word = cells(c)
                        .map(|t| self.unbreakable(t, size, false, 0))
                        .fold(header_word, f32::max);
                    widest(c).min(MIN_TEXT).max(word) + PAD
                }
            })
            .collect();
        let natural: Vec<f32> = (0..columns)
            .map(|c| widest(c).max(header(c)) + PAD)
            .collect();
        // Headers wrap before cells do: when every cell fits on one line with only the
        // headers wrapped, that is the floor.
        let cells_whole: Vec<f32> = (0..columns)
            .map(|c| widest(c).max(self.unbreakable(&section.columns[c], size, true, 6)) + PAD)
            .collect();
        let least = if cells_whole.iter().sum::<f32>() <= avail {
            cells_whole
        } else {
            least
        };
        let natural_sum: f32 = natural.iter().sum();
        let least_sum: f32 = least.iter().sum();
        if least_sum > avail {
            return None;
        }
        if natural_sum <= avail {
            // Every table spans the text width, so the page reads as one column; key/value
            // tables give the key half.
            let mut widths = natural;
            if columns == 2 {
                widths[0] = widths[0].max(avail * 0.5);
                widths[1] = avail - widths[0];
            } else {
                let grow = avail / natural_sum;
                widths.iter_mut().for_each(|w| *w *= grow);
            }
            return Some(widths);
        }
        // Between the two: each column gets its least, and the room left goes to the columns
        // that want more, in proportion to how much more they want.
        let room = avail - least_sum;
        let wanted: f32 = natural.iter().zip(&least).map(|(n, l)| n - l).sum();
        Some(
            natural
                .iter()
                .zip(&least)
                .map(|(n, l)| l + (n - l) * room / wanted.max(f32::EPSILON))
                .collect(),
        )
    }

    fn plan(&self, section: &Section, texts: &[Vec<String>]) -> Plan {
        let base = if section.columns.len() > 8 { 8.0 } else { 9.0 };
        // On a landscape page already, a table takes its width; else portrait comes first.
        let orientations: &[bool] = if self.page().w > self.page().h {
            &[true]
        } else {
            &[false, true]
        };
        for &landscape in orientations {
            let avail = if landscape { LANDSCAPE.0 } else { PORTRAIT.0 } - 2.0 * MARGIN;
            // Portrait at the normal size first; a smaller font only on landscape.
            let sizes: &[f32] = if landscape {
                &[base, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0]
            } else {
                std::slice::from_ref(&base)
            };
            for &size in sizes {
                if let Some(widths) = self.widths(section, texts, size, avail) {
                    return Plan {
                        size,
                        widths,
                        landscape,
                    };
                }
            }
        }
        // Unreachable for the report's sections; keep every column its even share.
        let avail = LANDSCAPE.0 - 2.0 * MARGIN;
        let n = section.columns.len().max(1) as f32;
        Plan {
            size: 5.0,
            widths: vec![avail / n; section.columns.len()],
            landscape: true,
        }
    }

    /// A titled table: on a landscape page when it needs one, its title kept with it.
    pub fn section(&mut self, section: &Section) {
        let texts: Vec<Vec<String>> = section
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::display).collect())
            .collect();
        let plan = self.plan(section, &texts);
        if plan.landscape {
            self.landscape();
        }
        self.heading(&section.title);
        self.table(section, &texts, &plan);
    }

    fn table(&mut self, section: &Section, texts: &[Vec<String>], plan: &Plan) {
        let Plan { size, widths, .. } = plan;
        let size = *size;
        let line_h = size * 1.35;
        // Page geometry in points (the figures are already text): not money.
        let total: f32 = widths.iter().sum();
        let columns = section.columns.len();
        let numeric: Vec<bool> = (0..columns)
            .map(|c| section.rows.iter().any(|r| r.get(c).is_some_and(is_number)))
            .collect();
        // How far right of the decimal point each column's numbers reach.
        let tails: Vec<f32> = (0..columns)
            .map(|c| {
                texts
                    .iter()
                    .zip(&section.rows)
                    .filter(|(_, r)| r.get(c).is_some_and(is_number))
                    .filter_map(|(t, _)| t.get(c))
                    .map(|t| self.width(split_decimal(t).1, size, false))
                    .fold(0.0, f32::max)
            })
            .collect();
        let header_lines: Vec<Vec<String>> = section
            .columns
            .iter()
            .zip(widths)
            .map(|(title, w)| self.wrap(title, size, true, w - PAD))
            .collect();
        let header_h =
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + size * 0.55;
        let header = |layout: &mut Layout<'_>| {
            let y = layout.y;
            layout.ops().push(Op::Rect {
                x: MARGIN,
                y,
                w: total,
                h: header_h,
                color: HEADER_BG,
            });
            let mut x = MARGIN;
            for (c, lines) in header_lines.iter().enumerate() {
                for (i, line) in lines.iter().enumerate() {
                    // Headers of number columns sit over their right-aligned numbers.
                    let tx = if numeric[c] && columns > 2 {
                        x + widths[c] - PAD / 2.0 - layout.width(line, size, true)
                    } else {
                        x + PAD / 2.0
                    };
                    let ty = y + size * 0.25 + line_h * (i as f32 + 0.8);
                    layout.text(tx, ty, size, true, INK, line.clone());
                }
                x += widths[c];
            }
            layout.y += header_h;
        };
        self.ensure(header_h + line_h * 3.0);
        header(self);
        for (r, row) in section.rows.iter().enumerate() {
            let cells: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| match cell {
                    Cell::Text(_) => self.wrap(&texts[r][c], size, false, widths[c] - PAD),
                    _ => vec![texts[r][c].clone()],
                })
                .collect();
            let row_h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + size * 0.55;
            if self.ensure(row_h) {
                header(self);
            }
            let y = self.y;
            let mut x = MARGIN;
            for (c, cell) in row.iter().enumerate() {
                for (i, line) in cells[c].iter().enumerate() {
                    let ty = y + size * 0.25 + line_h * (i as f32 + 0.8);
                    let tx = if is_number(cell) {
                        let head = split_decimal(line).0;
                        x + widths[c] - PAD / 2.0 - tails[c] - self.width(head, size, false)
                    } else if matches!(cell, Cell::Empty) && numeric[c] {
                        x + widths[c] - PAD / 2.0 - tails[c] - self.width(line, size, false)
                    } else {
                        x + PAD / 2.0
                    };
                    self.text(tx, ty, size, false, INK, line.clone());
                }
                x += widths[c];
            }
            self.ops().push(Op::Line {
                points: vec![(MARGIN, y + row_h), (MARGIN + total, y + row_h)],
                width: 0.4,
                color: RULE,
                dashed: false,
            });
            self.y += row_h;
        }
        if section.rows.is_empty() {
            self.text(MARGIN + 4.0, self.y + 12.0, 9.0, false, MUTED, "—".into());
            self.y += 18.0;
        }
        self.y += 6.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_split_at_their_decimal_point() {
        assert_eq!(split_decimal("¥1,234.50"), ("¥1,234", ".50"));
        assert_eq!(split_decimal("+12.34%"), ("+12", ".34%"));
        assert_eq!(split_decimal("1,234"), ("1,234", ""));
    }
}
