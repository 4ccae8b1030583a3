use super::pg::{placeholders, redact};

#[test]
fn placeholders_become_numbered_outside_quotes_and_comments() {
    assert_eq!(
        placeholders("SELECT ?1, ?, '?x', \"a?\" -- what?\nFROM t WHERE a = ?12 AND b = ?"),
        "SELECT $1, $2, '?x', \"a?\" -- what?\nFROM t WHERE a = $12 AND b = $13"
    );
}

#[test]
fn a_url_shown_or_logged_never_carries_its_password() {
    assert_eq!(
        redact("postgres://planner:s3cret@db.mall.cn:5432/promodesk?sslmode=require"),
        "postgres://planner@db.mall.cn:5432/promodesk?sslmode=require"
    );
    assert_eq!(
        redact("postgresql://planner@db/promodesk?password=s3cret&sslmode=prefer"),
        "postgresql://planner@db/promodesk?sslmode=prefer"
    );
    assert_eq!(
        redact("postgresql://postgres@/postgres?host=/tmp/x"),
        "postgresql://postgres@/postgres?host=/tmp/x"
    );
}

#[test]
fn every_schema_version_from_the_team_baseline_on_exists_in_both_stores() {
    let embedded: Vec<i64> = crate::db::MIGRATIONS
        .iter()
        .map(|m| m.version)
        .filter(|v| *v >= crate::db::PG_MIGRATIONS[0].version)
        .collect();
    let team: Vec<i64> = crate::db::PG_MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(embedded, team);
}

#[test]
fn a_values_list_numbers_every_row_and_column_in_order() {
    assert_eq!(super::values_list(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
    assert_eq!(super::values_list(1, 1), "(?1)");
}
