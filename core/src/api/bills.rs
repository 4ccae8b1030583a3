//! Bills and visitor counts in: importing files one by one (each in its own transaction, a
//! refused file leaving the others in), the batches and how to undo one, merchants no store
//! holds yet, saved column mappings.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Api, Failure, NoParams};
use crate::db::{begin_activity, ActivityKind};
use crate::import::{
    self, BatchSummary, Format, ImportOptions, ImportReport, Mapping, UnattributedTrade,
    UnmatchedMerchant,
};
use crate::stats::{self, FootfallDay, FootfallReport, StatsError};
use crate::Error;

/// Bills to import, in order.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ImportFiles {
    pub paths: Vec<String>,
    /// Read every file as this format; recognised from its content when absent.
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<Format>,
    /// The saved column mapping for generic CSV files.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<String>,
    /// Keep a file whose rows disagree with its own summary (its batch is marked unreconciled).
    #[serde(default)]
    pub accept_mismatch: bool,
}

/// The result for one file: its report, or why it was refused.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileOutcome {
    pub file: String,
    pub report: Option<ImportReport>,
    pub error: Option<Failure>,
}

/// How far the import of one file has got; sent while it runs.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub file: String,
    /// The file's position among those imported together, from 0.
    pub index: u32,
    pub total: u32,
    pub rows: u64,
    pub rows_per_second: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    pub batch: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MappingSave {
    pub mapping: Mapping,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MappingRemove {
    pub name: String,
}

/// Visitor-count files to import, each on its own.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FootfallImport {
    pub paths: Vec<String>,
}

/// The result for one visitor-count file: its report, or why it was refused.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FootfallOutcome {
    pub file: String,
    pub report: Option<FootfallReport>,
    pub error: Option<Failure>,
}

/// Visitor counts between two local dates (`YYYY-MM-DD`, inclusive), all when absent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FootfallList {
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
}

fn local_date(field: &'static str, text: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    crate::time::parse_day(text)
        .map(Some)
        .ok_or_else(|| StatsError::BadDate(field, text.to_string()).into())
}

impl Api<'_> {
    /// Imports each file in its own transaction. `progress` hears about every file as it is
    /// read and stops the running file (which rolls back, the files before it stay) by
    /// returning false.
    pub fn import_files(
        &mut self,
        p: ImportFiles,
        progress: &mut dyn FnMut(&ImportProgress) -> bool,
    ) -> Result<Vec<FileOutcome>, Error> {
        let total = p.paths.len() as u32;
        let options = ImportOptions {
            format: p.format.into(),
            mapping: p.mapping,
            accept_mismatch: p.accept_mismatch,
        };
        let mut outcomes = Vec::with_capacity(p.paths.len());
        for (index, file) in p.paths.into_iter().enumerate() {
            let started = Instant::now();
            let mut on_rows = |rows: u64| {
                let seconds = started.elapsed().as_secs_f64().max(0.001);
                progress(&ImportProgress {
                    file: file.clone(),
                    index: index as u32,
                    total,
                    rows,
                    rows_per_second: (rows as f64 / seconds) as u64,
                })
            };
            let name = Path::new(&file)
                .file_name()
                .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
            let _busy = begin_activity(self.db.path(), ActivityKind::Import, &name);
            let result = import::import_file(self.db, Path::new(&file), &options, &mut on_rows);
            outcomes.push(match result {
                Ok(report) => FileOutcome {
                    file,
                    report: Some(report),
                    error: None,
                },
                Err(e) => FileOutcome {
                    file,
                    report: None,
                    error: Some(self.failure(e)),
                },
            });
        }
        Ok(outcomes)
    }

    pub fn import_history(&mut self, _: NoParams) -> Result<Vec<BatchSummary>, Error> {
        Ok(import::history(self.db)?)
    }

    /// Removes a batch's trades; answers how many.
    pub fn import_undo(&mut self, p: Batch) -> Result<u64, Error> {
        let _busy = begin_activity(self.db.path(), ActivityKind::Undo, &format!("#{}", p.batch));
        Ok(import::undo(self.db, p.batch)?)
    }

    pub fn import_unmatched(&mut self, _: NoParams) -> Result<Vec<UnmatchedMerchant>, Error> {
        Ok(import::unmatched_merchants(self.db)?)
    }

    pub fn import_unattributed(&mut self, _: NoParams) -> Result<Vec<UnattributedTrade>, Error> {
        Ok(import::unattributed(self.db)?)
    }

    pub fn import_mappings(&mut self, _: NoParams) -> Result<Vec<Mapping>, Error> {
        Ok(import::list_mappings(self.db)?)
    }

    pub fn import_save_mapping(&mut self, p: MappingSave) -> Result<Mapping, Error> {
        Ok(import::save_mapping(self.db, &p.mapping)?)
    }

    pub fn import_remove_mapping(&mut self, p: MappingRemove) -> Result<(), Error> {
        Ok(import::remove_mapping(self.db, &p.name)?)
    }

    /// Imports each visitor-count file on its own: a refused file leaves the others in.
    pub fn footfall_import(&mut self, p: FootfallImport) -> Result<Vec<FootfallOutcome>, Error> {
        Ok(p.paths
            .into_iter()
            .map(
                |file| match stats::import_footfall(self.db, Path::new(&file)) {
                    Ok(report) => FootfallOutcome {
                        file,
                        report: Some(report),
                        error: None,
                    },
                    Err(e) => FootfallOutcome {
                        file,
                        report: None,
                        error: Some(self.failure(e)),
                    },
                },
            )
            .collect())
    }

    pub fn footfall_list(&mut self, p: FootfallList) -> Result<Vec<FootfallDay>, Error> {
        let from = local_date("from", &p.from)?;
        let to = local_date("to", &p.to)?;
        Ok(stats::list_footfall(self.db, from, to)?)
    }
}
