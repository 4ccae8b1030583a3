//! An empty Tauri 2 app: one window, one static page, no commands, no plugins. `make bench`
//! builds it beside PromoDesk (same profile, same Tauri) and starts both the same way, so
//! PromoDesk's start-up and idle memory are compared with the floor any Tauri app stands on.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty app runs");
}
