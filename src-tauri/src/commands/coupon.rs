//! Coupons and linked offers.

use promodesk_core::coupon::{self, Coupon, CouponSpec, OfferCheck, Product};
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command]
pub async fn coupon_list(
    state: State<'_, AppState>,
    campaign: i64,
) -> Result<Vec<Coupon>, IpcError> {
    state.run(move |db| coupon::list(db, Some(campaign))).await
}

/// Checks an offer as it is typed, without saving it.
#[tauri::command]
pub async fn coupon_preview(
    state: State<'_, AppState>,
    campaign: i64,
    products: Vec<Product>,
    spec: CouponSpec,
    replacing: Option<i64>,
) -> Result<OfferCheck, IpcError> {
    state
        .run(move |db| coupon::preview_offer(db, campaign, &products, &spec, replacing))
        .await
}

#[tauri::command]
pub async fn coupon_add_offer(
    state: State<'_, AppState>,
    campaign: i64,
    products: Vec<Product>,
    spec: CouponSpec,
) -> Result<Vec<Coupon>, IpcError> {
    state
        .run(move |db| coupon::add_offer(db, campaign, &products, &spec))
        .await
}

#[tauri::command]
pub async fn coupon_edit(
    state: State<'_, AppState>,
    id: i64,
    spec: CouponSpec,
) -> Result<Coupon, IpcError> {
    state.run(move |db| coupon::edit(db, id, &spec)).await
}

#[tauri::command]
pub async fn coupon_edit_offer(
    state: State<'_, AppState>,
    offer: i64,
    spec: CouponSpec,
) -> Result<Vec<Coupon>, IpcError> {
    state
        .run(move |db| coupon::edit_offer(db, offer, &spec))
        .await
}

#[tauri::command]
pub async fn coupon_remove(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    state.run(move |db| coupon::remove(db, id)).await
}

/// The provider payload, pretty-printed for the user to copy.
#[tauri::command]
pub async fn coupon_export_spec(state: State<'_, AppState>, id: i64) -> Result<String, IpcError> {
    state
        .run(move |db| {
            coupon::export_spec(db, id)
                .map(|v| serde_json::to_string_pretty(&v).unwrap_or_default())
        })
        .await
}

/// WeChat's card colours, for the colour picker and the wallet preview.
#[tauri::command]
pub fn coupon_wallet_colors() -> Vec<promodesk_core::coupon::WalletColor> {
    promodesk_core::coupon::wallet_colors()
}
