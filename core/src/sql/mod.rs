//! One SQL, two stores: the connection every query in core runs on, whether the database is the
//! embedded SQLite file or a team's PostgreSQL server.
//!
//! Why a facade and not a query set per store: core has some three hundred queries, and "the same
//! results to the cent on both stores" is only certain when both run the *same* query. So queries
//! are written once, in the subset SQLite and PostgreSQL share (`ON CONFLICT`, `RETURNING`,
//! `COALESCE`, integer fen and seconds, 0/1 flags), with SQLite's `?N` placeholders; on PostgreSQL
//! [`pg`] rewrites the placeholders to `$N` and binds values the way SQLite's column affinity
//! would. What really differs — the trade storage encoding, pragmas, file backups, the import's
//! bulk write — asks [`Connection::sqlite`] and branches.
//!
//! The value model is rusqlite's (`ToSql`, `FromSql`, `Value`, `Error`): every domain type already
//! converts through it, and a PostgreSQL row is read into the same `Value`s, so a `FromSql` written
//! for SQLite reads PostgreSQL too. PostgreSQL's errors are mapped into rusqlite's by SQLSTATE
//! (a unique violation is a constraint failure, a refused grant is "read-only", a serialization
//! failure is "busy"), which is what lets every module's error enum and the messages in
//! [`crate::fault`] stay one list.

mod params;
pub mod pg;

use std::ops::Deref;

pub use params::{params_from_iter, values_list, Params, ParamsFromIter};
pub use rusqlite::types;
pub use rusqlite::{
    ffi, params, Error, ErrorCode, OptionalExtension, Result, ToSql, TransactionBehavior,
};

use rusqlite::types::{FromSql, Value, ValueRef};

/// An open connection to either store.
pub struct Connection {
    store: Store,
}

enum Store {
    Sqlite(rusqlite::Connection),
    Postgres(Box<pg::PgConnection>),
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.store {
            Store::Sqlite(_) => f.write_str("Connection(SQLite)"),
            Store::Postgres(_) => f.write_str("Connection(PostgreSQL)"),
        }
    }
}

impl From<rusqlite::Connection> for Connection {
    fn from(conn: rusqlite::Connection) -> Connection {
        Connection {
            store: Store::Sqlite(conn),
        }
    }
}

impl From<pg::PgConnection> for Connection {
    fn from(conn: pg::PgConnection) -> Connection {
        Connection {
            store: Store::Postgres(Box::new(conn)),
        }
    }
}

impl Connection {
    /// The SQLite connection, for what only SQLite has (pragmas, file backup, functions).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.store {
            Store::Sqlite(c) => Some(c),
            Store::Postgres(_) => None,
        }
    }

    /// [`Connection::sqlite`], mutable.
    pub fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.store {
            Store::Sqlite(c) => Some(c),
            Store::Postgres(_) => None,
        }
    }

    /// The PostgreSQL connection, for what only a team database has.
    pub fn postgres(&self) -> Option<&pg::PgConnection> {
        match &self.store {
            Store::Postgres(c) => Some(c),
            Store::Sqlite(_) => None,
        }
    }

    /// Whether this is a team (PostgreSQL) database.
    pub fn is_postgres(&self) -> bool {
        matches!(self.store, Store::Postgres(_))
    }

    /// A statement, prepared once per connection and kept.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.store {
            Store::Sqlite(c) => Ok(Statement::Sqlite(LiteStatement::Cached(
                c.prepare_cached(sql)?,
            ))),
            Store::Postgres(c) => c.prepare(sql).map(|s| Statement::Postgres(c, s)),
        }
    }

    /// A statement for one use (PostgreSQL keeps every statement: it is the same cost).
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.store {
            Store::Sqlite(c) => Ok(Statement::Sqlite(LiteStatement::Once(c.prepare(sql)?))),
            Store::Postgres(c) => c.prepare(sql).map(|s| Statement::Postgres(c, s)),
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    /// Runs statements without parameters, separated by `;`.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.store {
            Store::Sqlite(c) => c.execute_batch(sql),
            Store::Postgres(c) => c.batch(sql),
        }
    }

    /// The first row of a query, mapped by `f`; `QueryReturnedNoRows` when there is none.
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare(sql)?.query_row(params, f)
    }

    /// Runs an `INSERT` of one row into a table keyed by `id`; the id it took (`RETURNING id`,
    /// which, unlike the last id of the session, no trigger's own insert can change).
    pub fn insert<P: Params>(&self, sql: &str, params: P) -> Result<i64> {
        self.prepare_cached(&format!("{sql} RETURNING id"))?
            .query_row(params, |r| r.get(0))
    }

    /// The id the last `INSERT` on this connection gave its row.
    pub fn last_insert_rowid(&self) -> Result<i64> {
        match &self.store {
            Store::Sqlite(c) => Ok(c.last_insert_rowid()),
            Store::Postgres(c) => c.last_insert_id(),
        }
    }

    /// A deferred transaction.
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        self.transaction_with_behavior(TransactionBehavior::Deferred)
    }

    /// A transaction; `Immediate` takes SQLite's write lock at once (PostgreSQL locks rows as
    /// they are written, so there it is a plain `BEGIN`).
    pub fn transaction_with_behavior(
        &mut self,
        behavior: TransactionBehavior,
    ) -> Result<Transaction<'_>> {
        let begin = match (&self.store, behavior) {
            (Store::Postgres(_), _) => "BEGIN",
            (Store::Sqlite(_), TransactionBehavior::Immediate) => "BEGIN IMMEDIATE",
            (Store::Sqlite(_), TransactionBehavior::Exclusive) => "BEGIN EXCLUSIVE",
            (Store::Sqlite(_), _) => "BEGIN DEFERRED",
        };
        self.execute_batch(begin)?;
        Ok(Transaction {
            conn: self,
            done: false,
        })
    }
}

/// A transaction: rolled back when dropped without [`Transaction::commit`].
pub struct Transaction<'c> {
    conn: &'c mut Connection,
    done: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.execute_batch("COMMIT")
    }

    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.conn.execute_batch("ROLLBACK")
    }
}

impl Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing more can be done about a failed rollback here; the connection reports
            // the broken state on its next use.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// A prepared statement of either store.
pub enum Statement<'c> {
    Sqlite(LiteStatement<'c>),
    Postgres(&'c pg::PgConnection, pg::PgStatement),
}

/// SQLite's statement, cached or not.
pub enum LiteStatement<'c> {
    Cached(rusqlite::CachedStatement<'c>),
    Once(rusqlite::Statement<'c>),
}

impl<'c> Deref for LiteStatement<'c> {
    type Target = rusqlite::Statement<'c>;
    fn deref(&self) -> &rusqlite::Statement<'c> {
        match self {
            LiteStatement::Cached(s) => s,
            LiteStatement::Once(s) => s,
        }
    }
}

impl<'c> std::ops::DerefMut for LiteStatement<'c> {
    fn deref_mut(&mut self) -> &mut rusqlite::Statement<'c> {
        match self {
            LiteStatement::Cached(s) => s,
            LiteStatement::Once(s) => s,
        }
    }
}

impl<'c> Statement<'c> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self {
            Statement::Sqlite(s) => params.with(|values| s.execute(values)),
            Statement::Postgres(c, s) => params.with(|values| c.execute(s, values)),
        }
    }

    /// Runs an `INSERT`; the new row's id.
    pub fn insert<P: Params>(&mut self, params: P) -> Result<i64> {
        match self {
            Statement::Sqlite(s) => params.with(|values| s.insert(values)),
            Statement::Postgres(c, s) => {
                params.with(|values| c.execute(s, values))?;
                c.last_insert_id()
            }
        }
    }

    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::QueryReturnedNoRows),
        }
    }

    /// Whether the query returns at least one row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }

    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        match self {
            Statement::Sqlite(s) => Ok(Rows::Sqlite(params.with(|values| s.query(values))?)),
            Statement::Postgres(c, s) => Ok(Rows::Postgres(
                params.with(|values| c.query(s, values))?.into_iter(),
                None,
            )),
        }
    }

    pub fn query_map<T, P, F>(&mut self, params: P, f: F) -> Result<MappedRows<'_, F>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        Ok(MappedRows {
            rows: self.query(params)?,
            map: f,
        })
    }

    /// How many columns the statement returns.
    pub fn column_count(&self) -> usize {
        match self {
            Statement::Sqlite(s) => s.column_count(),
            Statement::Postgres(_, s) => s.column_count(),
        }
    }
}

/// The rows of a query, one at a time.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    /// PostgreSQL's rows are read whole (the driver has no borrowed cursor over a shared
    /// connection); `.1` keeps the current one.
    Postgres(std::vec::IntoIter<Vec<Value>>, Option<Vec<Value>>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Rows::Postgres(rows, current) => {
                *current = rows.next();
                Ok(current.as_deref().map(Row::Values))
            }
        }
    }
}

/// The rows of [`Statement::query_map`], each mapped as it is read.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    map: F,
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.map)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// One row of either store.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Values(&'r [Value]),
}

/// A column's position (by number only: core never reads a column by name).
pub trait RowIndex {
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

impl Row<'_> {
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        match self {
            Row::Sqlite(r) => r.get(idx),
            Row::Values(v) => {
                let value = v.get(idx).ok_or(Error::InvalidColumnIndex(idx))?;
                T::column_result(ValueRef::from(value)).map_err(|e| match e {
                    types::FromSqlError::InvalidType => Error::InvalidColumnType(
                        idx,
                        idx.to_string(),
                        ValueRef::from(value).data_type(),
                    ),
                    other => Error::FromSqlConversionFailure(
                        idx,
                        ValueRef::from(value).data_type(),
                        Box::new(other),
                    ),
                })
            }
        }
    }

    pub fn get_ref<I: RowIndex>(&self, idx: I) -> Result<ValueRef<'_>> {
        let idx = idx.index();
        match self {
            Row::Sqlite(r) => r.get_ref(idx),
            Row::Values(v) => v
                .get(idx)
                .map(ValueRef::from)
                .ok_or(Error::InvalidColumnIndex(idx)),
        }
    }
}

#[cfg(test)]
mod tests;
