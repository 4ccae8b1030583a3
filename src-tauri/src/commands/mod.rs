//! The IPC surface, one module per area of core. Each command parses its arguments (serde
//! does), calls one core function off the main thread and maps the error.

pub mod app;
pub mod backup;
pub mod campaign;
pub mod coupon;
pub mod import;
pub mod launch;
pub mod mall;
pub mod provider;
pub mod report;
pub mod stats;
pub mod store;
