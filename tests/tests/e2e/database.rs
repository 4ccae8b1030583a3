//! Settings → Database: which database this computer uses, and connecting to a team database,
//! with what goes wrong said in words.

use promodesk_tests::app::App;

#[tokio::test]
#[ignore = "needs Xvfb and tauri-driver: run `make test` or scripts/e2e.sh"]
async fn settings_names_the_local_database_and_a_wrong_address_or_absent_server_is_told_in_words() {
    let app = App::start().await;
    app.click("[data-testid=load-demo]").await;
    app.find("[data-testid=home-results]").await;
    app.click("[data-testid=nav-settings]").await;
    let location = app.text("[data-testid=database-location]").await;
    assert!(location.ends_with(".db"), "{location}");

    // Not an address at all.
    app.fill("[data-testid=team-url]", "mall-db:5432").await;
    app.fill("[data-testid=team-password]", "secret").await;
    app.click("[data-testid=team-connect]").await;
    app.until("the refusal shown", || async {
        !app.find_all("[data-testid=team-error]").await.is_empty()
    })
    .await;
    let message = app.text("[data-testid=team-error]").await;
    assert!(message.contains("postgres://"), "{message}");

    // An address whose server does not answer: said as such, without the password.
    app.fill(
        "[data-testid=team-url]",
        "postgresql://li@/promodesk?host=/nonexistent-promodesk",
    )
    .await;
    app.click("[data-testid=team-connect]").await;
    app.until("the unreachable server told", || async {
        app.text("[data-testid=team-error]")
            .await
            .contains("did not answer")
    })
    .await;
    let message = app.text("[data-testid=team-error]").await;
    assert!(!message.contains("secret"), "{message}");
    app.screenshot("settings-team-unreachable").await;
    // Nothing changed: still the local database.
    assert_eq!(app.text("[data-testid=database-location]").await, location);
    app.close().await;
}
