//! A table that a phone shows as cards (`table.stack` in the stylesheet):
//! each cell is labelled with its column's name, taken from the same list
//! that writes the header row, so a label cannot drift from its column.

use leptos::prelude::*;

/// The header row from `columns`, and one row per item of `rows`, each a
/// cell per column in the same order.
#[component]
pub fn StackedTable(testid: &'static str, columns: Vec<&'static str>, rows: Vec<Vec<AnyView>>) -> impl IntoView {
    let header = columns.clone();
    view! {
        <table class="stack" data-testid=testid>
            <thead>
                <tr>{header.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|cells| {
                        let labelled = cells.into_iter().zip(columns.iter().copied());
                        view! {
                            <tr>
                                {labelled
                                    .map(|(cell, label)| view! { <td data-label=label>{cell}</td> })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
