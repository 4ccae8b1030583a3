//! WebDriver tests of the real desktop app. They need a display and tauri-driver, so plain
//! `cargo test` lists them as ignored; `make test` runs them through `scripts/e2e.sh`, which
//! provides both and passes `--ignored`. One module per area of the app.

mod codes;
mod coupons;
mod database;
mod edits;
mod home;
mod import;
mod layout;
mod planning;
mod plazas;
mod results;
mod safety;
mod team;
