//! The PostgreSQL side of [`super::Connection`]: placeholders rewritten, values bound the way
//! SQLite's affinity would take them, rows read into rusqlite `Value`s, errors mapped by SQLSTATE.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;

use postgres::types::{IsNull, Kind, ToSql as PgToSql, Type};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{ffi, Error, Result};

/// A client and the statements prepared on it.
pub struct PgConnection {
    client: RefCell<postgres::Client>,
    prepared: RefCell<HashMap<String, postgres::Statement>>,
}

/// A prepared statement (the driver's, cheap to clone).
pub struct PgStatement(postgres::Statement);

impl PgStatement {
    pub fn column_count(&self) -> usize {
        self.0.columns().len()
    }
}

impl PgConnection {
    pub fn new(client: postgres::Client) -> PgConnection {
        PgConnection {
            client: RefCell::new(client),
            prepared: RefCell::new(HashMap::new()),
        }
    }

    /// The driver's client, for what has no SQLite twin (LISTEN, COPY).
    pub fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    pub(super) fn prepare(&self, sql: &str) -> Result<PgStatement> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(PgStatement(s.clone()));
        }
        let statement = self
            .client
            .borrow_mut()
            .prepare(&placeholders(sql))
            .map_err(error)?;
        self.prepared
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(PgStatement(statement))
    }

    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.client.borrow_mut().batch_execute(sql).map_err(error)
    }

    pub(super) fn execute(
        &self,
        s: &PgStatement,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<usize> {
        let args = arguments(values)?;
        let refs: Vec<&(dyn PgToSql + Sync)> = args.iter().map(|a| a as _).collect();
        let n = self
            .client
            .borrow_mut()
            .execute(&s.0, &refs)
            .map_err(error)?;
        Ok(n as usize)
    }

    pub(super) fn query(
        &self,
        s: &PgStatement,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Vec<Value>>> {
        let args = arguments(values)?;
        let refs: Vec<&(dyn PgToSql + Sync)> = args.iter().map(|a| a as _).collect();
        let rows = self.client.borrow_mut().query(&s.0, &refs).map_err(error)?;
        rows.iter().map(read_row).collect()
    }

    /// The identity value the last `INSERT` of this session drew (`lastval()`), which is the
    /// new row's id as long as no trigger inserted into another table with an identity after
    /// it — PromoDesk's triggers only insert into tables keyed without one.
    pub(super) fn last_insert_id(&self) -> Result<i64> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT lastval()", &[])
            .map_err(error)?;
        row.try_get(0).map_err(error)
    }
}

/// SQLite's `?N` and `?` as PostgreSQL's `$N`, outside quotes and comments.
pub(crate) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut highest: u32 = 0;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                // As SQLite numbers them: a bare `?` is one more than the largest so far.
                let n = digits.parse().unwrap_or(highest + 1);
                highest = highest.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

/// One bound value, converted to whatever type the server inferred for its placeholder.
#[derive(Debug)]
struct Argument(Value);

fn arguments(values: &[&dyn rusqlite::ToSql]) -> Result<Vec<Argument>> {
    values
        .iter()
        .map(|v| {
            Ok(Argument(match v.to_sql()? {
                ToSqlOutput::Borrowed(r) => owned(r),
                ToSqlOutput::Owned(v) => v,
                other => {
                    return Err(Error::ToSqlConversionFailure(
                        format!("{other:?} cannot be sent to PostgreSQL").into(),
                    ))
                }
            }))
        })
        .collect()
}

fn owned(r: ValueRef<'_>) -> Value {
    match r {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

type BoxError = Box<dyn StdError + Sync + Send>;

impl PgToSql for Argument {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, BoxError> {
        let text_like = matches!(
            *ty,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
        ) || matches!(ty.kind(), Kind::Domain(Type::TEXT));
        let text = &Type::TEXT;
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => PgToSql::to_sql(i, ty, out),
                Type::INT4 => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
                Type::INT2 => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
                Type::BOOL => PgToSql::to_sql(&(*i != 0), ty, out),
                Type::FLOAT8 => PgToSql::to_sql(&(*i as f64), ty, out),
                Type::NUMERIC => PgToSql::to_sql(&rust_decimal::Decimal::from(*i), ty, out),
                _ if text_like => PgToSql::to_sql(&i.to_string(), text, out),
                _ => Err(format!("an integer cannot be stored as {ty}").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => PgToSql::to_sql(f, ty, out),
                Type::FLOAT4 => PgToSql::to_sql(&(*f as f32), ty, out),
                Type::NUMERIC => PgToSql::to_sql(&rust_decimal::Decimal::try_from(*f)?, ty, out),
                _ if text_like => PgToSql::to_sql(&f.to_string(), text, out),
                _ => Err(format!("a real number cannot be stored as {ty}").into()),
            },
            Value::Text(s) => match *ty {
                Type::INT8 => PgToSql::to_sql(&s.trim().parse::<i64>()?, ty, out),
                Type::INT4 => PgToSql::to_sql(&s.trim().parse::<i32>()?, ty, out),
                Type::FLOAT8 => PgToSql::to_sql(&s.trim().parse::<f64>()?, ty, out),
                Type::BYTEA => PgToSql::to_sql(&s.as_bytes(), ty, out),
                Type::JSON => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                _ => PgToSql::to_sql(&s.as_str(), text, out),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => PgToSql::to_sql(&b.as_slice(), ty, out),
                _ => Err(format!("binary data cannot be stored as {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A row as rusqlite `Value`s: integers of any width (and booleans) as `Integer`, integral
/// `NUMERIC` (what `SUM` of a `BIGINT` gives) as `Integer` too, so `SUM(order_fen)` reads the
/// same on both stores.
fn read_row(row: &postgres::Row) -> Result<Vec<Value>> {
    (0..row.len())
        .map(|i| {
            let ty = row.columns()[i].type_().clone();
            let value = match ty {
                Type::INT8 => row
                    .try_get::<_, Option<i64>>(i)
                    .map(|v| v.map(Value::Integer)),
                Type::INT4 => row
                    .try_get::<_, Option<i32>>(i)
                    .map(|v| v.map(|v| Value::Integer(v.into()))),
                Type::INT2 => row
                    .try_get::<_, Option<i16>>(i)
                    .map(|v| v.map(|v| Value::Integer(v.into()))),
                Type::BOOL => row
                    .try_get::<_, Option<bool>>(i)
                    .map(|v| v.map(|v| Value::Integer(v.into()))),
                Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map(|v| v.map(Value::Real)),
                Type::FLOAT4 => row
                    .try_get::<_, Option<f32>>(i)
                    .map(|v| v.map(|v| Value::Real(v.into()))),
                Type::NUMERIC => row
                    .try_get::<_, Option<rust_decimal::Decimal>>(i)
                    .map(|v| v.map(numeric)),
                Type::BYTEA => row
                    .try_get::<_, Option<Vec<u8>>>(i)
                    .map(|v| v.map(Value::Blob)),
                Type::JSON | Type::JSONB => row
                    .try_get::<_, Option<serde_json::Value>>(i)
                    .map(|v| v.map(|v| Value::Text(v.to_string()))),
                // What a function returning nothing (pg_advisory_xact_lock) gives.
                Type::VOID => Ok(None),
                _ => row
                    .try_get::<_, Option<String>>(i)
                    .map(|v| v.map(Value::Text)),
            };
            value.map(|v| v.unwrap_or(Value::Null)).map_err(error)
        })
        .collect()
}

fn numeric(d: rust_decimal::Decimal) -> Value {
    use rust_decimal::prelude::ToPrimitive;
    let d = d.normalize();
    match (d.scale(), d.to_i64()) {
        (0, Some(i)) => Value::Integer(i),
        _ => Value::Real(d.to_f64().unwrap_or(f64::NAN)),
    }
}

/// PostgreSQL's error as the rusqlite error the modules already tell apart, by SQLSTATE class.
/// The message is the server's own (never the URL or the password: the driver does not put
/// them in errors).
pub(crate) fn error(e: postgres::Error) -> Error {
    use crate::fault::Fault;
    let fault = match e.as_db_error().map(|d| d.code().code()) {
        Some("28P01" | "28000") => Some(Fault::LoginRefused),
        Some("3D000") => Some(Fault::NoSuchDatabase),
        Some(_) => None,
        // Not an answer of the server: it could not be reached (or the connection broke).
        None if e.is_closed() || e.source().is_some_and(|s| s.is::<std::io::Error>()) => {
            Some(Fault::ServerUnreachable)
        }
        None => None,
    };
    if let Some(fault) = fault {
        return fault.into();
    }
    let (code, message) = match e.as_db_error() {
        Some(db) => {
            let code = match db.code().code() {
                "23505" => ffi::SQLITE_CONSTRAINT_UNIQUE,
                "23503" => ffi::SQLITE_CONSTRAINT_FOREIGNKEY,
                "23514" => ffi::SQLITE_CONSTRAINT_CHECK,
                "23502" => ffi::SQLITE_CONSTRAINT_NOTNULL,
                // RAISE EXCEPTION in a trigger, as SQLite's RAISE(ABORT, …).
                "P0001" => ffi::SQLITE_CONSTRAINT_TRIGGER,
                // A role without the grant: the server refused the write.
                "42501" | "25006" => ffi::SQLITE_READONLY,
                "40001" | "40P01" | "55P03" => ffi::SQLITE_BUSY,
                "53100" => ffi::SQLITE_FULL,
                c if c.starts_with("08") || c.starts_with("57P") => ffi::SQLITE_CANTOPEN,
                _ => ffi::SQLITE_ERROR,
            };
            (code, db.message().to_string())
        }
        None if e.is_closed() => (
            ffi::SQLITE_CANTOPEN,
            "the connection to the server was lost".to_string(),
        ),
        None => match e.source().and_then(|s| s.downcast_ref::<std::io::Error>()) {
            Some(io) => (ffi::SQLITE_CANTOPEN, io.to_string()),
            None => (ffi::SQLITE_ERROR, e.to_string()),
        },
    };
    Error::SqliteFailure(ffi::Error::new(code), Some(message))
}

/// Connects to a team database. TLS is used as the URL's `sslmode` says (`prefer`, the
/// default, takes it when the server offers it; `require` insists; `disable` never), with the
/// operating system's trusted certificates; a Unix-socket host never uses TLS.
pub fn connect(url: &str) -> Result<PgConnection> {
    connect_with(&config(url)?)
}

/// The connection settings a URL gives.
pub fn config(url: &str) -> Result<postgres::Config> {
    url.parse().map_err(error)
}

/// [`connect`] with settings already parsed (a test database's own name, say).
pub fn connect_with(config: &postgres::Config) -> Result<PgConnection> {
    let client = config.connect(tls()).map_err(error)?;
    Ok(PgConnection::new(client))
}

fn tls() -> tokio_postgres_rustls::MakeRustlsConnect {
    let mut roots = rustls::RootCertStore::empty();
    // Certificates the system cannot parse are skipped: one bad entry must not stop the rest.
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("aws-lc-rs supports TLS 1.2 and 1.3")
    .with_root_certificates(roots)
    .with_no_client_auth();
    tokio_postgres_rustls::MakeRustlsConnect::new(config)
}

/// A team database's URL as it may be shown or logged: without its password.
#[derive(Clone, PartialEq, Eq)]
pub struct Redacted(String);

impl Redacted {
    pub fn new(url: &str) -> Redacted {
        Redacted(redact(url))
    }
}

impl std::fmt::Display for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `postgres://user:secret@host/db` → `postgres://user@host/db`, and a `password=` query
/// parameter dropped.
pub fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| !p.to_ascii_lowercase().starts_with("password="))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    if scheme.is_empty() {
        format!("{authority}{tail}")
    } else {
        format!("{scheme}://{authority}{tail}")
    }
}

/// Whether `location` names a team database rather than a file.
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}
