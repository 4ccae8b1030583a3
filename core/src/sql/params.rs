//! A statement's parameters, in every shape rusqlite takes them (`params![]`, `[a, b]`, `()`,
//! tuples, `params_from_iter`), handed to either store as one slice of `ToSql` values.

use rusqlite::ToSql;

/// Values for a statement's `?1`, `?2`, …
pub trait Params {
    /// Calls `f` with the values in order.
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R;
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(&[])
    }
}

impl Params for &[&dyn ToSql] {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(self)
    }
}

impl<T: ToSql, const N: usize> Params for &[&T; N] {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        let values: Vec<&dyn ToSql> = self.iter().map(|v| *v as &dyn ToSql).collect();
        f(&values)
    }
}

impl<const N: usize> Params for &[&dyn ToSql; N] {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(self)
    }
}

impl Params for () {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(&[])
    }
}

macro_rules! array_params {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
                let values: [&dyn ToSql; $n] = self.each_ref().map(|v| v as &dyn ToSql);
                f(&values)
            }
        }
    )+};
}

array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

macro_rules! tuple_params {
    ($(($($field:tt $ty:ident),+))+) => {$(
        impl<$($ty: ToSql),+> Params for ($($ty,)+) {
            fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
                f(&[$(&self.$field as &dyn ToSql),+])
            }
        }
    )+};
}

tuple_params! {
    (0 A)
    (0 A, 1 B)
    (0 A, 1 B, 2 C)
    (0 A, 1 B, 2 C, 3 D)
    (0 A, 1 B, 2 C, 3 D, 4 E)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F)
}

/// Parameters from an iterator (a list of ids of any length).
pub struct ParamsFromIter<I>(I);

/// Parameters from an iterator, as rusqlite's `params_from_iter`.
pub fn params_from_iter<I>(iter: I) -> ParamsFromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    ParamsFromIter(iter)
}

impl<I> Params for ParamsFromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        let owned: Vec<I::Item> = self.0.into_iter().collect();
        let values: Vec<&dyn ToSql> = owned.iter().map(|v| v as &dyn ToSql).collect();
        f(&values)
    }
}

/// `(?1, ?2), (?3, ?4)` for `rows` rows of `columns` values: one multi-row `VALUES` list, so
/// many rows share one statement (and, on a team database, one round trip).
pub fn values_list(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|i| {
            let row = (1..=columns).map(|c| format!("?{}", i * columns + c));
            format!("({})", row.collect::<Vec<_>>().join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
