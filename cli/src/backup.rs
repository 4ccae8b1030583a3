//! `promodesk backup create|list|restore|keep|check`.

use clap::Subcommand;
use promodesk_core::backup;
use promodesk_core::{Db, Error};

use crate::args::Json;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Back up the database now (SQLite online backup; PromoDesk keeps working).
    Create {
        #[command(flatten)]
        json: Json,
    },
    /// Every backup, newest first.
    List {
        #[command(flatten)]
        json: Json,
    },
    /// Replace the database with a backup (the current state is backed up first).
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

pub fn run(db: &mut Db, command: &BackupCommand) -> Result<bool, Error> {
    match command {
        BackupCommand::Create { json } => {
            let b = backup::create(db, "manual")?;
            if json.json {
                output::json(&b);
            } else {
                println!("{}", b.path);
            }
        }
        BackupCommand::List { json } => {
            let all = backup::list(db)?;
            if json.json {
                output::json(&all);
            } else {
                for b in &all {
                    println!(
                        "{}  {:<18} {:>10} bytes  {}",
                        b.created, b.reason, b.bytes, b.file
                    );
                }
                println!("keeping the newest {}", backup::keep(db));
            }
        }
        BackupCommand::Restore { file } => {
            let b = backup::restore(db, file)?;
            println!("restored {} ({})", b.file, b.created);
        }
        BackupCommand::Keep { count } => {
            backup::set_keep(db, *count)?;
            println!("keeping the newest {count} backups");
        }
        BackupCommand::Check => {
            let problems = backup::integrity_problems_of(db)?;
            if problems.is_empty() {
                println!("ok");
            } else {
                for p in &problems {
                    eprintln!("backup check: {p}");
                }
                match backup::list(db)?.first() {
                    Some(b) => eprintln!(
                        "backup check: the database is damaged; restore the newest backup with `promodesk backup restore {}`",
                        b.file
                    ),
                    None => eprintln!("backup check: the database is damaged and there is no backup"),
                }
                return Ok(false);
            }
        }
    }
    Ok(true)
}
