//! `promodesk backup create|list|restore|keep|check`.

use clap::Subcommand;
use promodesk_core::api::{Api, BackupRestore, BackupSetKeep, NoParams};
use promodesk_core::Error;

use crate::args::Json;
use crate::output::{self, Out};

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Back up the database now (SQLite's online backup; on a team database PostgreSQL's pg_dump
    /// of the open plaza, kept on this computer). PromoDesk keeps working meanwhile.
    Create {
        #[command(flatten)]
        json: Json,
    },
    /// Every backup, newest first.
    List {
        #[command(flatten)]
        json: Json,
    },
    /// Replace the database with a backup (the current state is backed up first). A team
    /// database is restored by IT with pg_restore: this names the file to give them.
    Restore { file: String },
    /// How many backups to keep (1–365).
    Keep { count: i64 },
    /// SQLite's integrity check; on damage, says how to restore (exit 1).
    Check,
}

impl BackupCommand {
    pub fn label(&self) -> &'static str {
        match self {
            BackupCommand::Create { .. } => "backup create",
            BackupCommand::List { .. } => "backup list",
            BackupCommand::Restore { .. } => "backup restore",
            BackupCommand::Keep { .. } => "backup keep",
            BackupCommand::Check => "backup check",
        }
    }
}

pub fn run(api: &mut Api, command: &BackupCommand) -> Result<bool, Error> {
    match command {
        BackupCommand::Create { json } => {
            let b = api.backup_create(NoParams {})?;
            Out::new(json.json).one(&b, |b| b.path.clone());
        }
        BackupCommand::List { json } => {
            let all = api.backup_list(NoParams {})?;
            let keep = api.backup_keep(NoParams {})?;
            Out::new(json.json).one(&all, |all| {
                let mut lines: Vec<String> = all
                    .iter()
                    .map(|b| {
                        format!(
                            "{}  {:<18} {:>10} bytes  {}",
                            b.created, b.reason, b.bytes, b.file
                        )
                    })
                    .collect();
                lines.push(format!("keeping the newest {keep}"));
                lines.join("\n")
            });
        }
        BackupCommand::Restore { file } => {
            let b = api.backup_restore(BackupRestore { file: file.clone() })?;
            output::line(&format!("restored {} ({})", b.file, b.created));
        }
        BackupCommand::Keep { count } => {
            api.backup_set_keep(BackupSetKeep { count: *count })?;
            output::line(&format!("keeping the newest {count} backups"));
        }
        BackupCommand::Check => return check(api),
    }
    Ok(true)
}

/// SQLite's integrity check; a damaged database names the backup to restore.
fn check(api: &mut Api) -> Result<bool, Error> {
    let health = api.db_health(NoParams {})?;
    if health.problems.is_empty() {
        output::line("ok");
        return Ok(true);
    }
    for p in &health.problems {
        eprintln!("backup check: {p}");
    }
    match health.backups.first() {
        Some(b) => eprintln!(
            "backup check: the database is damaged; restore the newest backup with `promodesk backup restore {}`",
            b.file
        ),
        None => eprintln!("backup check: the database is damaged and there is no backup"),
    }
    Ok(false)
}
