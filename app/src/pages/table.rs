//! A table that a phone shows as cards (`table.stack` in the stylesheet):
//! each cell is labelled with its column's name, taken from the same list
//! that writes the header row, so a label cannot drift from its column.

use std::borrow::Cow;

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

/// The columns' names, in order: the header row and every cell's label.
pub struct Columns(Vec<Cow<'static, str>>);

impl From<Vec<&'static str>> for Columns {
    fn from(names: Vec<&'static str>) -> Self {
        Columns(names.into_iter().map(Cow::Borrowed).collect())
    }
}

impl From<Vec<Cow<'static, str>>> for Columns {
    fn from(names: Vec<Cow<'static, str>>) -> Self {
        Columns(names)
    }
}

/// One row of a [`StackedTable`]: a cell per column, and the row's mark
/// where the table marks its rows (a state, a decision) for the stylesheet
/// and the tests.
pub struct Row {
    mark: Option<String>,
    cells: Vec<AnyView>,
}

impl Row {
    pub fn new(cells: Vec<AnyView>) -> Self {
        Row { mark: None, cells }
    }

    pub fn marked(mark: impl ToString, cells: Vec<AnyView>) -> Self {
        Row { mark: Some(mark.to_string()), cells }
    }
}

/// The header row from `columns`, and one row per item of `rows`, each a
/// cell per column in the same order. `mark` names the attribute that
/// carries each row's mark (e.g. `data-state`); `row_testid` is set on every
/// row; `class` is added to `stack`; with `row_headers`, each row's first
/// cell heads its row.
#[component]
pub fn StackedTable(
    testid: &'static str,
    #[prop(into)] columns: Columns,
    rows: Vec<Row>,
    #[prop(optional)] mark: Option<&'static str>,
    #[prop(optional)] row_testid: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional)] caption: Option<String>,
    #[prop(optional)] row_headers: bool,
) -> impl IntoView {
    let Columns(columns) = columns;
    let header = columns.clone();
    let class = class.map_or_else(|| "stack".to_string(), |c| format!("{c} stack"));
    let mark = mark.unwrap_or("data-mark");
    view! {
        <table class=class data-testid=testid>
            {caption.map(|c| view! { <caption>{c}</caption> })}
            <thead>
                <tr>{header.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let labelled = row.cells.into_iter().zip(columns.iter().cloned());
                        view! {
                            <tr {..custom_attribute(mark, row.mark)} data-testid=row_testid>
                                {labelled
                                    .enumerate()
                                    .map(|(i, (cell, label))| {
                                        if i == 0 && row_headers {
                                            view! {
                                                <th scope="row" data-label=label>
                                                    {cell}
                                                </th>
                                            }
                                                .into_any()
                                        } else {
                                            view! { <td data-label=label>{cell}</td> }.into_any()
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
