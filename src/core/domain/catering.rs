//! The catering example: two independent confirmations of the same menu.
//!
//! The customer confirms in context [`SALES`]; the caterer confirms or
//! declines in context [`CATERING`]. Both write to the order's stream,
//! `Order$<order_id>`, each in its own context (a stream is named by its
//! context and its name, so these are two different streams).

use serde::{Deserialize, Serialize};

use super::typed_ids::{MenuId, OrderId};
use crate::core::store::{DomainEvent, DomainEventError, EventData, FieldName};

/// The context where customers confirm menus.
pub const SALES: &str = "Sales";
/// The context where caterers confirm or decline menus.
pub const CATERING: &str = "Catering";

/// What the name of an order's stream starts with.
pub const ORDER_STREAM_PREFIX: &str = "Order$";

/// The stream of an order inside a context: `Order$<order_id>`.
pub fn order_stream(order_id: &str) -> String {
    // Two copies, without the formatting machinery: the projection builds
    // this name for every event it handles.
    let mut stream = String::with_capacity(ORDER_STREAM_PREFIX.len() + order_id.len());
    stream.push_str(ORDER_STREAM_PREFIX);
    stream.push_str(order_id);
    stream
}

/// The JSON data of an event about one menu of one order, written from
/// borrowed ids: `{"order_id":..,"menu_id":..}`.
#[derive(Serialize)]
pub struct OrderMenuData<'a> {
    pub order_id: &'a str,
    pub menu_id: &'a str,
}

/// The field names of [`OrderMenuData`], as serde writes them.
const ORDER_ID: FieldName = FieldName::new("order_id");
const MENU_ID: FieldName = FieldName::new("menu_id");

impl OrderMenuData<'_> {
    /// The event data (the text serde_json writes for this struct).
    pub fn to_data(&self) -> EventData {
        EventData::text_object(&[(ORDER_ID, self.order_id), (MENU_ID, self.menu_id)])
    }
}

/// Defines an event about one menu of one order.
macro_rules! menu_event {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub struct $name {
            pub order_id: OrderId,
            pub menu_id: MenuId,
        }

        impl $name {
            /// The event for this order and menu.
            pub fn new(order_id: OrderId, menu_id: MenuId) -> Self {
                $name { order_id, menu_id }
            }
        }

        impl DomainEvent for $name {
            const TYPE: &'static str = stringify!($name);

            fn to_data(&self) -> EventData {
                OrderMenuData {
                    order_id: self.order_id.as_str(),
                    menu_id: self.menu_id.as_str(),
                }
                .to_data()
            }

            fn from_data(data: &EventData) -> Result<Self, DomainEventError> {
                data.decode().map_err(DomainEventError::invalid_data::<Self>)
            }
        }
    };
}

menu_event!(
    /// The customer accepted the menu offered for the order (context Sales).
    CustomerConfirmedMenu
);
menu_event!(
    /// The caterer can deliver the menu for the order (context Catering).
    CatererConfirmedMenu
);
menu_event!(
    /// The caterer cannot deliver the menu for the order (context Catering).
    CatererDeclinedMenu
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids() -> (OrderId, MenuId) {
        (
            OrderId::parse("42").unwrap(),
            MenuId::parse("vegan").unwrap(),
        )
    }

    #[test]
    fn an_event_round_trips_through_its_json_data() {
        let (order, menu) = ids();
        let event = CatererConfirmedMenu::new(order, menu);
        assert_eq!(
            event.to_data().as_json(),
            r#"{"order_id":"42","menu_id":"vegan"}"#
        );
        assert_eq!(CatererConfirmedMenu::from_data(&event.to_data()), Ok(event));
    }

    #[test]
    fn the_type_name_is_the_business_name() {
        assert_eq!(CustomerConfirmedMenu::TYPE, "CustomerConfirmedMenu");
        assert_eq!(CatererDeclinedMenu::TYPE, "CatererDeclinedMenu");
    }

    #[test]
    fn data_without_a_menu_is_refused_with_the_event_name() {
        let data = EventData::from(json!({"order_id": "42"}));
        let error = CustomerConfirmedMenu::from_data(&data).unwrap_err();
        assert!(error.to_string().contains("CustomerConfirmedMenu"));
    }

    #[test]
    fn data_with_a_blank_order_id_is_refused() {
        let data = EventData::from(json!({"order_id": " ", "menu_id": "vegan"}));
        assert!(CustomerConfirmedMenu::from_data(&data).is_err());
    }

    #[test]
    fn the_order_stream_is_named_after_the_order() {
        assert_eq!(order_stream("42"), "Order$42");
    }
}
