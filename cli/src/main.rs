//! `promodesk`: the command line of PromoDesk. Every command reads its flags into a
//! `core::api` params struct, calls that one use case and prints the result; all rules live in
//! promodesk-core.

mod args;
mod backup;
mod codes;
mod commands;
mod coupon;
mod hints;
mod import;
mod launch;
mod output;
mod stats;
mod store;
mod team;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // `promodesk campaign list | head` should end quietly like any Unix tool, not panic on the
    // closed pipe: restore the default SIGPIPE action Rust programs start without.
    sigpipe::reset();
    let cli = args::Cli::parse();
    // A write behind another (a long import elsewhere) waits; after a second, say for what.
    promodesk_core::db::on_wait(|waiting| {
        if let Some(w) = waiting {
            eprintln!("{}", w.message.get(output::lang_from_env()));
        }
    });
    let lang = output::lang_from_env();
    match commands::run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("{}: {}", cli.command.label(), hints::error_text(&err, lang));
            ExitCode::FAILURE
        }
    }
}
