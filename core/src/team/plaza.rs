//! The plazas of a team database: which ones this person may use, choosing one for the
//! session, adding one, granting one to a colleague.
//!
//! The session's plaza is a setting of the connection (`promodesk.mall`), chosen through
//! `promodesk_use_mall`, which checks the grant; the tables' policies check it again on every
//! row (postgres/0017_plazas.sql). The embedded database is one mall: it lists that one, and
//! choosing it is all a switch can do there.

use serde::Serialize;
use ts_rs::TS;

use super::TeamError;
use crate::db::Db;
use crate::sql::{Connection, ErrorCode};

/// A plaza this person may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Plaza {
    pub id: i64,
    pub name: String,
    pub time_zone: String,
    /// The plaza this connection works in now.
    pub current: bool,
}

/// The plazas this person may use, by name; the embedded database's one mall.
pub fn plazas(db: &Db) -> Result<Vec<Plaza>, TeamError> {
    let sql = if db.conn().is_postgres() {
        "SELECT id, name, time_zone,
                CASE WHEN id = (SELECT promodesk_current_mall()) THEN 1 ELSE 0 END
         FROM mall ORDER BY name, id"
    } else {
        "SELECT id, name, time_zone, 1 FROM current_mall"
    };
    let mut statement = db.conn().prepare(sql)?;
    let rows = statement.query_map([], |r| {
        Ok(Plaza {
            id: r.get(0)?,
            name: r.get(1)?,
            time_zone: r.get(2)?,
            current: r.get::<_, i64>(3)? == 1,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The plaza this connection works in.
pub fn current(db: &Db) -> Result<Plaza, TeamError> {
    plazas(db)?
        .into_iter()
        .find(|p| p.current)
        .ok_or_else(|| TeamError::NoPlazaGranted {
            role: role(db.conn()),
        })
}

/// Works in plaza `id` from now on (this connection only).
pub fn use_plaza(db: &mut Db, id: i64) -> Result<Plaza, TeamError> {
    if !db.conn().is_postgres() {
        return plazas(db)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| TeamError::NoSuchPlaza(id.to_string()));
    }
    choose(db.conn(), Some(id))?;
    current(db)
}

/// Works in the plaza named `name` from now on.
pub fn use_plaza_named(db: &mut Db, name: &str) -> Result<Plaza, TeamError> {
    let found = plazas(db)?
        .into_iter()
        .find(|p| p.name == name.trim())
        .ok_or_else(|| TeamError::NoSuchPlaza(name.trim().to_string()))?;
    use_plaza(db, found.id)
}

/// Chooses plaza `id`, or the first this person may use: right after connecting, and on a
/// switch. Refused for a login no policy binds (a superuser) once there are several plazas.
pub(crate) fn choose(conn: &Connection, id: Option<i64>) -> Result<i64, TeamError> {
    let bypasses: i64 = conn.query_row(
        "SELECT CASE WHEN rolsuper OR rolbypassrls THEN 1 ELSE 0 END
         FROM pg_roles WHERE rolname = current_user",
        [],
        |r| r.get(0),
    )?;
    if bypasses == 1 {
        let n: i64 = conn.query_row("SELECT count(*) FROM mall", [], |r| r.get(0))?;
        if n > 1 {
            return Err(TeamError::Bypasses { role: role(conn) });
        }
    }
    let id = match id {
        Some(id) => {
            let granted: i64 = conn.query_row(
                "SELECT CASE WHEN promodesk_may_use(?1)
                         AND EXISTS (SELECT 1 FROM mall WHERE id = ?1) THEN 1 ELSE 0 END",
                [id],
                |r| r.get(0),
            )?;
            if granted == 0 {
                return Err(TeamError::NoSuchPlaza(id.to_string()));
            }
            id
        }
        None => conn
            .query_row("SELECT min(id) FROM mall", [], |r| {
                r.get::<_, Option<i64>>(0)
            })?
            .ok_or_else(|| TeamError::NoPlazaGranted { role: role(conn) })?,
    };
    conn.query_row("SELECT promodesk_use_mall(?1)", [id], |_| Ok(()))?;
    Ok(id)
}

/// The login of this connection, for messages.
fn role(conn: &Connection) -> String {
    conn.query_row("SELECT session_user::text", [], |r| r.get(0))
        .unwrap_or_else(|_| "this login".to_string())
}

/// Adds a plaza (owner or approver) and grants it to whoever added it; the session stays in
/// its plaza.
pub fn add_plaza(db: &mut Db, name: &str, time_zone: &str) -> Result<Plaza, TeamError> {
    if !db.conn().is_postgres() {
        return Err(TeamError::NotTeam);
    }
    let name = name.trim();
    check_name_and_zone(name, time_zone)?;
    let id: i64 = db
        .conn()
        .query_row(
            "SELECT promodesk_add_mall(?1, ?2)",
            [name, time_zone.trim()],
            |r| r.get(0),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::ConstraintViolation) => TeamError::NameTaken(name.to_string()),
            Some(ErrorCode::ReadOnly) => TeamError::MayNotManage,
            _ => e.into(),
        })?;
    plazas(db)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| TeamError::NoSuchPlaza(name.to_string()))
}

fn check_name_and_zone(name: &str, time_zone: &str) -> Result<(), TeamError> {
    let problems = crate::mall::check_patch(&crate::mall::MallPatch {
        name: Some(name.to_string()),
        time_zone: Some(time_zone.to_string()),
    });
    if problems.is_empty() {
        Ok(())
    } else {
        Err(TeamError::Invalid(problems))
    }
}

/// Grants the plaza named `plaza` to the PostgreSQL role `role` (a person's login or a group
/// role: its members inherit it).
pub fn grant_plaza(db: &mut Db, role: &str, plaza: &str) -> Result<(), TeamError> {
    if !db.conn().is_postgres() {
        return Err(TeamError::NotTeam);
    }
    let found = plazas(db)?
        .into_iter()
        .find(|p| p.name == plaza.trim())
        .ok_or_else(|| TeamError::NoSuchPlaza(plaza.trim().to_string()))?;
    db.conn()
        .query_row(
            "SELECT promodesk_grant_mall(?1, ?2)",
            crate::sql::params![role.trim(), found.id],
            |_| Ok(()),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => TeamError::MayNotManage,
            _ => e.into(),
        })
}
