//! The ledger table's schema in one place: partition key `conversationId`, the sparse held-day index, TTL on
//! `expiresAt`. template.yaml declares the same (a test compares them); `pii-pause ledger create-table` makes it
//! for local runs (moto, DynamoDB Local) and accounts without the template.

use super::{classify, LedgerError};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, TimeToLiveSpecification,
};
use aws_sdk_dynamodb::Client;

/// The partition key.
pub const PARTITION_KEY: &str = "conversationId";
/// The sparse index of held conversations by the UTC day they were first held.
pub const HELD_DAY_INDEX: &str = "heldDay-index";
/// The index's partition key (present only while a conversation is held).
pub const HELD_DAY: &str = "heldDay";
/// The DynamoDB TTL attribute (epoch seconds).
pub const TTL_ATTRIBUTE: &str = "expiresAt";

/// Creates the table (on-demand capacity) with its index, waits until it is active, and turns TTL on.
pub async fn create(client: &Client, table: &str) -> Result<(), LedgerError> {
    let key = |name: &str, kind: KeyType| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(kind)
            .build()
    };
    let attribute = |name: &str| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(ScalarAttributeType::S)
            .build()
    };
    let schema_error = |e: aws_sdk_dynamodb::error::BuildError| LedgerError::Other {
        table: table.to_string(),
        code: "schema".into(),
        message: e.to_string(),
    };
    let index = GlobalSecondaryIndex::builder()
        .index_name(HELD_DAY_INDEX)
        .key_schema(key(HELD_DAY, KeyType::Hash).map_err(schema_error)?)
        .key_schema(key(PARTITION_KEY, KeyType::Range).map_err(schema_error)?)
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()
        .map_err(schema_error)?;
    client
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(PARTITION_KEY, KeyType::Hash).map_err(schema_error)?)
        .attribute_definitions(attribute(PARTITION_KEY).map_err(schema_error)?)
        .attribute_definitions(attribute(HELD_DAY).map_err(schema_error)?)
        .global_secondary_indexes(index)
        .send()
        .await
        .map_err(|e| classify(table, "CreateTable", e))?;
    for _ in 0..120 {
        let described = client
            .describe_table()
            .table_name(table)
            .send()
            .await
            .map_err(|e| classify(table, "DescribeTable", e))?;
        let active = described
            .table()
            .and_then(|t| t.table_status())
            .is_some_and(|s| s.as_str() == "ACTIVE");
        if active {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    client
        .update_time_to_live()
        .table_name(table)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .attribute_name(TTL_ATTRIBUTE)
                .enabled(true)
                .build()
                .map_err(schema_error)?,
        )
        .send()
        .await
        .map_err(|e| classify(table, "UpdateTimeToLive", e))?;
    Ok(())
}
