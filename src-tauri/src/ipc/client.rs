//! The TypeScript client: one typed function per command, generated from [`COMMANDS`] into
//! `ui/src/lib/bindings.ts` beside the types, so the UI never spells a command name or an
//! argument by hand.

use ts_rs::Config;

use super::special::{EXPORT_PROGRESS, IMPORT_PROGRESS};
use super::COMMANDS;
use crate::watch::{DATA_CHANGED, DB_WAITING};

/// `campaign_list` → `campaignList`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The `commands` object and the event names, as TypeScript.
pub fn typescript(cfg: &Config) -> String {
    let mut out = String::from(
        "/** Every command of the app, typed from the Rust side. Rejections are `IpcError`. */\nexport const commands = {\n",
    );
    for c in COMMANDS {
        let doc = c.doc.trim();
        if !doc.is_empty() {
            let lines: Vec<&str> = doc.lines().map(str::trim).collect();
            out.push_str(&format!("  /** {} */\n", lines.join(" ")));
        }
        let params = (c.params)(cfg);
        let result = (c.result)(cfg);
        let (arg, payload) = if params == "NoParams" {
            (String::new(), "{}")
        } else {
            (format!("params: {params}"), "params")
        };
        out.push_str(&format!(
            "  {}: ({arg}) => invoke<{result}>(\"{}\", {payload}),\n",
            camel(c.name),
            c.name
        ));
    }
    out.push_str("};\n\n");
    out.push_str(&format!(
        "/** Events the backend sends while long work runs. */\nexport const EVENTS = {{ importProgress: \"{IMPORT_PROGRESS}\", exportProgress: \"{EXPORT_PROGRESS}\", dbWaiting: \"{DB_WAITING}\", dataChanged: \"{DATA_CHANGED}\" }} as const;\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_names_become_camel_case() {
        assert_eq!(super::camel("campaign_set_status"), "campaignSetStatus");
        assert_eq!(super::camel("as_of"), "asOf");
    }
}
