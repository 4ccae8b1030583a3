//! The command-line grammar.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// PromoDesk: plan mall promotions with WeChat Pay, Alipay, UnionPay and member-card coupons,
/// import the wallets' bills and report on them — all in a local SQLite database.
#[derive(Debug, Parser)]
#[command(name = "promodesk", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  promodesk demo\n  promodesk campaign list\n  promodesk campaign add --name \"2027 3.8 女神节\" --start 2027-03-06 --end 2027-03-09 --budget 120000\n  promodesk --db /tmp/try.db store list --json\n\nDates are in the mall's time zone (promodesk mall show). An end given as a date covers that whole day."
)]
pub struct Cli {
    /// Database file [default: ~/.local/share/promodesk/promodesk.db], or a team database's URL
    /// (postgres://user@server/database?sslmode=require; the password comes from the keyring).
    #[arg(long, global = true, env = "PROMODESK_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// On a team database of several plazas: the plaza to work in [default: the first you
    /// may use]; `promodesk team plazas` lists them.
    #[arg(long, global = true, env = "PROMODESK_PLAZA", value_name = "NAME")]
    pub plaza: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show or change the mall: its name and time zone.
    #[command(subcommand)]
    Mall(MallCommand),
    /// Manage the mall's tenant stores and their payment merchant ids.
    #[command(subcommand)]
    Store(StoreCommand),
    /// Plan, list and change campaigns.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// Show or change provider fee rates and settlement days.
    #[command(subcommand)]
    Provider(ProviderCommand),
    /// Coupons on each provider, checked against its real rules.
    #[command(subcommand)]
    Coupon(Box<crate::coupon::CouponCommand>),
    /// A coupon's own codes: generate, import, export for WeChat Pay / a POS, which were used.
    #[command(subcommand)]
    Code(crate::codes::CodeCommand),
    /// Printed materials as PDF: posters, table tents, voucher sheets.
    #[command(subcommand)]
    Print(crate::codes::PrintCommand),
    /// Import WeChat Pay and Alipay bills (see `promodesk import --help`).
    Import(crate::import::ImportArgs),
    /// KPIs of a campaign or date range, optionally grouped (see the README for the fields).
    Stats(crate::stats::StatsArgs),
    /// Backups of the database: create, list, restore, keep N, check.
    #[command(subcommand)]
    Backup(crate::backup::BackupCommand),
    /// Write a campaign report: Excel with charts, PDF, or CSV (see the README).
    Export(crate::stats::ExportArgs),
    /// Campaigns and the coupons customers could use at a moment (YYYY-MM-DD HH:MM, mall time).
    AsOf {
        when: String,
        #[command(flatten)]
        json: Json,
    },
    /// Visitor counts from the mall's people counters, for conversion.
    #[command(subcommand)]
    Footfall(crate::stats::FootfallCommand),
    /// The retail festival calendar (lunar festivals included), 1901–2100.
    #[command(subcommand)]
    Festival(FestivalCommand),
    /// The team database: roles for IT, who you are, a campaign's history, the approver's
    /// sign-off, plazas, and moving a local database up into one (or one down, read-only).
    #[command(subcommand)]
    Team(crate::team::TeamCommand),
    /// Load a demo: a Beijing mall, 8 stores, the 3.8 女神节 campaign and others.
    Demo {
        /// Replace everything already in the database.
        #[arg(long)]
        force: bool,
    },
}

impl Command {
    /// How errors are prefixed: `campaign add: …`.
    pub fn label(&self) -> &'static str {
        match self {
            Command::Mall(MallCommand::Show(_)) => "mall show",
            Command::Mall(MallCommand::Set { .. }) => "mall set",
            Command::Store(c) => match c {
                StoreCommand::Add { .. } => "store add",
                StoreCommand::List(_) => "store list",
                StoreCommand::Show { .. } => "store show",
                StoreCommand::Edit { .. } => "store edit",
                StoreCommand::Remove { .. } => "store remove",
                StoreCommand::Id(StoreIdCommand::Add { .. }) => "store id add",
                StoreCommand::Id(StoreIdCommand::Remove { .. }) => "store id remove",
            },
            Command::Campaign(c) => match c {
                CampaignCommand::Add { .. } => "campaign add",
                CampaignCommand::List { .. } => "campaign list",
                CampaignCommand::Show { .. } => "campaign show",
                CampaignCommand::Edit { .. } => "campaign edit",
                CampaignCommand::SetStatus { .. } => "campaign set-status",
                CampaignCommand::Remove { .. } => "campaign remove",
                CampaignCommand::Clone { .. } => "campaign clone",
                CampaignCommand::Conflicts { .. } => "campaign conflicts",
                CampaignCommand::Budget { .. } => "campaign budget",
                CampaignCommand::Launch(l) => l.label(),
            },
            Command::Provider(ProviderCommand::List(_)) => "provider list",
            Command::Provider(ProviderCommand::Set { .. }) => "provider set",
            Command::Festival(_) => "festival list",
            Command::Coupon(c) => c.label(),
            Command::Code(c) => c.label(),
            Command::Print(c) => c.label(),
            Command::Import(a) => a.label(),
            Command::Stats(_) => "stats",
            Command::Export(_) => "export",
            Command::Backup(c) => c.label(),
            Command::AsOf { .. } => "as-of",
            Command::Footfall(c) => c.label(),
            Command::Demo { .. } => "demo",
            Command::Team(c) => c.label(),
        }
    }
}

/// `--json`: print machine-readable JSON (stable field names, money as decimal strings,
/// times as RFC 3339 with the mall's offset).
#[derive(Debug, Args, Clone, Copy)]
pub struct Json {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum MallCommand {
    /// Show the mall.
    Show(Json),
    /// Change the mall's name, time zone or the logo on its reports.
    Set {
        #[arg(long)]
        name: Option<String>,
        /// IANA time zone, e.g. Asia/Shanghai.
        #[arg(long)]
        time_zone: Option<String>,
        /// A PNG, JPEG or SVG image (up to 1 MB) printed on every report page.
        #[arg(long, conflicts_with = "no_logo")]
        logo: Option<std::path::PathBuf>,
        /// Print reports with the mall's name alone.
        #[arg(long)]
        no_logo: bool,
        #[command(flatten)]
        json: Json,
    },
}

#[derive(Debug, Args)]
pub struct StoreFields {
    /// Floor label, e.g. L2 or B1.
    #[arg(long)]
    pub floor: Option<String>,
    /// Business category, e.g. 餐饮.
    #[arg(long)]
    pub category: Option<String>,
    /// WeChat Pay 特约商户号 (digits); replaces the store's sub-merchant ids, "" clears them.
    #[arg(long)]
    pub wechat_sub_mch_id: Option<String>,
    /// Alipay 门店编号; replaces the store's Alipay store ids, "" clears them.
    #[arg(long)]
    pub alipay_store_id: Option<String>,
    /// One more merchant id, PROVIDER:ID or PROVIDER:KIND:ID (repeat for several), e.g.
    /// unionpay:102110058120001 or alipay:pid:2088102122524333. Kinds: sub_mch_id, mch_id,
    /// store_id, pid, merchant_no, terminal, pos_code.
    #[arg(long = "merchant-id", value_name = "PROVIDER:[KIND:]ID")]
    pub merchant_ids: Vec<String>,
    /// Move ids that another store holds to this one instead of refusing them.
    #[arg(long = "move")]
    pub move_taken: bool,
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Add a store.
    Add {
        #[arg(long)]
        name: String,
        #[command(flatten)]
        fields: StoreFields,
        #[command(flatten)]
        json: Json,
    },
    /// List stores.
    List(Json),
    /// Show one store.
    Show {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// Change a store; only the given flags change.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: StoreFields,
        #[command(flatten)]
        json: Json,
    },
    /// Remove a store that no campaign targets.
    Remove { id: i64 },
    /// A store's merchant ids: add one (the same as `import map`) or take one away.
    #[command(subcommand)]
    Id(StoreIdCommand),
}

#[derive(Debug, Subcommand)]
pub enum StoreIdCommand {
    /// Give a store a merchant id; its trades are matched at once.
    Add {
        store_id: i64,
        #[command(flatten)]
        account: AccountArgs,
    },
    /// Take a merchant id away from whichever store holds it.
    Remove {
        /// wechat_pay, alipay, unionpay, bank_card or member_card.
        provider: String,
        merchant_id: String,
    },
}

/// A merchant id to give a store, as `store id add` and `import map` take it.
#[derive(Debug, Args)]
pub struct AccountArgs {
    /// wechat_pay, alipay, unionpay, bank_card or member_card.
    pub provider: String,
    pub merchant_id: String,
    /// What the id is (default: the kind the provider's bills print on every row).
    #[arg(long)]
    pub kind: Option<String>,
    /// The id belongs to another store: move it to this one.
    #[arg(long = "move")]
    pub move_taken: bool,
    #[command(flatten)]
    pub json: Json,
}

#[derive(Debug, Args)]
pub struct CampaignFields {
    /// Plain-text description.
    #[arg(long)]
    pub description: Option<String>,
    /// Festival id, e.g. womens-day; "" clears it.
    #[arg(long)]
    pub festival: Option<String>,
    /// Target store id (repeat for several); none = whole mall.
    #[arg(long = "store", value_name = "STORE_ID")]
    pub stores: Vec<i64>,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Create a draft campaign. With --festival F --year Y, the name and dates default to that
    /// festival (two days before through the day after).
    Add {
        #[arg(long, required_unless_present = "year")]
        name: Option<String>,
        /// First day (YYYY-MM-DD) or time (YYYY-MM-DD HH:MM), mall time.
        #[arg(long, required_unless_present = "year")]
        start: Option<String>,
        /// Last day (YYYY-MM-DD, through 23:59:59) or time, mall time.
        #[arg(long, required_unless_present = "year")]
        end: Option<String>,
        /// Year of the festival given with --festival.
        #[arg(long, requires = "festival")]
        year: Option<i32>,
        /// Budget in yuan, e.g. 50000 or 1234.50.
        #[arg(long, allow_hyphen_values = true)]
        budget: String,
        #[command(flatten)]
        fields: CampaignFields,
        #[command(flatten)]
        json: Json,
    },
    /// List campaigns, by start date.
    List {
        /// draft, scheduled, live, ended, paused or cancelled.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        festival: Option<String>,
        /// Running on or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Running on or before this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Text in the name or description.
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        json: Json,
    },
    /// Show one campaign with its status history.
    Show {
        id: i64,
        #[command(flatten)]
        json: Json,
    },
    /// Change a campaign; only the given flags change.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        budget: Option<String>,
        #[command(flatten)]
        fields: CampaignFields,
        /// Make the campaign target the whole mall.
        #[arg(long, conflicts_with = "stores")]
        whole_mall: bool,
        /// Refuse the change when someone changed it since this revision (as `show --json`
        /// prints it); without it the last change wins.
        #[arg(long = "revision", value_name = "REVISION")]
        expected_revision: Option<i64>,
        #[command(flatten)]
        json: Json,
    },
    /// Move a campaign to another status (draft, scheduled, live, paused, ended, cancelled).
    SetStatus {
        id: i64,
        status: String,
        /// Why, kept in the status history.
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        json: Json,
    },
    /// Delete a campaign that is not live.
    Remove { id: i64 },
    /// Copy a campaign (stores, budget, provider split) onto the same festival in another year.
    Clone {
        id: i64,
        #[arg(long)]
        to_year: i32,
        #[command(flatten)]
        json: Json,
    },
    /// Campaigns that overlap in time on a common store.
    Conflicts {
        /// Only the conflicts of this campaign.
        #[arg(long)]
        campaign: Option<i64>,
        #[command(flatten)]
        json: Json,
    },
    #[command(flatten)]
    Launch(crate::launch::LaunchCommand),
    /// Show a campaign's budget plan, or split it per provider with --set.
    Budget {
        id: i64,
        /// PROVIDER=YUAN, e.g. wechat_pay=40000 (repeatable; 0 removes).
        #[arg(long = "set", value_name = "PROVIDER=YUAN")]
        set: Vec<String>,
        /// Refuse the change when someone changed it since this revision (as `show --json`
        /// prints it); without it the last change wins.
        #[arg(long = "revision", value_name = "REVISION")]
        expected_revision: Option<i64>,
        #[command(flatten)]
        json: Json,
    },
}

#[derive(Debug, Subcommand)]
pub enum FestivalCommand {
    /// List the festivals of a year with their dates.
    List {
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        json: Json,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// List providers with their fee rate and settlement days.
    List(Json),
    /// Change a provider's fee rate (percent) or settlement days.
    Set {
        /// wechat_pay, alipay, unionpay, bank_card or member_card.
        provider: String,
        /// Percent, e.g. 0.6 for 0.6 %.
        #[arg(long)]
        fee_rate: Option<String>,
        #[arg(long)]
        settlement_days: Option<u16>,
        #[command(flatten)]
        json: Json,
    },
}
