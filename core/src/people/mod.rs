//! People and their roles: who is connected, the name they go by, and what they may change.
//!
//! On a team database a person is their PostgreSQL login role (`current_user`); the name the
//! history shows is the one they chose at their first connect (`person`). What they may change
//! is decided by the server: membership of the `promodesk_*` group roles
//! (core/migrations/postgres/roles.sql) and its grants. Core only *reads* the roles, to show the
//! right buttons and to word a refusal; it never decides on them.
//!
//! On the embedded store the person is the operating system's user, who holds every role: one
//! desktop, one person (as `Api::local` always was).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::sql::{Connection, OptionalExtension};
use crate::text::Localized;

pub mod history;

pub use history::{campaign_history, HistoryEntry};

/// The script that creates the group roles and grants each its part, for the mall's IT to run
/// with psql as a superuser (`promodesk team roles-sql`). Idempotent.
pub const ROLES_SQL: &str = include_str!("../../migrations/postgres/roles.sql");

/// A PromoDesk group role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Importer,
    Planner,
    Approver,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Importer, Role::Planner, Role::Approver];

    /// The PostgreSQL group role.
    pub fn pg_name(self) -> &'static str {
        match self {
            Role::Viewer => "promodesk_viewer",
            Role::Importer => "promodesk_importer",
            Role::Planner => "promodesk_planner",
            Role::Approver => "promodesk_approver",
        }
    }

    pub fn name(self) -> Localized {
        let (en, zh) = match self {
            Role::Viewer => ("viewer", "查看者"),
            Role::Importer => ("importer", "导入员"),
            Role::Planner => ("planner", "策划"),
            Role::Approver => ("approver", "审批人"),
        };
        Localized::new(en, zh)
    }
}

/// The connected person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Me {
    /// The login role (team database) or the operating system's user.
    pub role_name: String,
    /// The name they chose; none until they chose one.
    pub display_name: Option<String>,
    /// The PromoDesk roles they hold, lowest first.
    pub roles: Vec<Role>,
    /// Whether this is a team database (else: the embedded store, every role).
    pub team: bool,
}

impl Me {
    pub fn holds(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The name to show: the chosen one, else the login.
    pub fn shown(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.role_name)
    }
}

/// Errors of naming oneself.
#[derive(Debug, thiserror::Error)]
pub enum PeopleError {
    #[error("a name is needed (1 to 40 characters)")]
    BadName,
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl PeopleError {
    pub fn code(&self) -> &'static str {
        match self {
            PeopleError::BadName => "people.bad_name",
            PeopleError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            PeopleError::BadName => "请填写名字（1 到 40 个字）".to_string(),
            PeopleError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(self.to_string(), zh)
    }
}

/// Who is connected.
pub fn me(db: &Db) -> Result<Me, PeopleError> {
    let conn = db.conn();
    let role_name = person_name(conn)?;
    let display_name = conn
        .query_row(
            "SELECT display_name FROM person WHERE role_name = ?1",
            [&role_name],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Me {
        roles: held_roles(conn)?,
        display_name,
        role_name,
        team: conn.is_postgres(),
    })
}

/// Names the connected person (their first connect, or a change of mind).
pub fn set_my_name(db: &mut Db, name: &str, now: i64) -> Result<Me, PeopleError> {
    let name = name.trim();
    if name.is_empty() || crate::text::char_len(name) > 40 {
        return Err(PeopleError::BadName);
    }
    let role_name = person_name(db.conn())?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO person (role_name, display_name, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (role_name) DO UPDATE SET display_name = excluded.display_name",
            crate::sql::params![role_name, name, now],
        )?;
        Ok::<_, PeopleError>(())
    })?;
    me(db)
}

/// The person's key: the login role on a team database, the operating system's user here.
fn person_name(conn: &Connection) -> crate::sql::Result<String> {
    if conn.is_postgres() {
        conn.query_row("SELECT CAST(current_user AS TEXT)", [], |r| r.get(0))
    } else {
        Ok(crate::local_user())
    }
}

/// The PromoDesk roles the connected person holds. On a team database where IT has not created
/// a role (roles.sql not run), nobody is restricted by it: everyone connects as the owner, who
/// may do everything, so a missing role counts as held.
pub fn held_roles(conn: &Connection) -> crate::sql::Result<Vec<Role>> {
    if !conn.is_postgres() {
        return Ok(Role::ALL.to_vec());
    }
    let mut held = Vec::new();
    for role in Role::ALL {
        // By oid: pg_has_role with a name that does not exist is an error, not false.
        let holds: Option<bool> = conn
            .query_row(
                "SELECT pg_has_role(current_user, r.oid, 'MEMBER') FROM pg_roles r WHERE r.rolname = ?1",
                [role.pg_name()],
                |r| r.get(0),
            )
            .optional()?;
        if holds.unwrap_or(true) {
            held.push(role);
        }
    }
    Ok(held)
}

/// The role a refusal names: the highest held (an approver is a planner too).
pub(crate) fn main_role(roles: &[Role]) -> Option<Role> {
    roles.iter().copied().max()
}

#[cfg(test)]
pub(crate) mod tests;
