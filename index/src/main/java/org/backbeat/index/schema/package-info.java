/**
 * The one home of the posts' Elasticsearch schema, shared by the writer ({@code org.backbeat.index}) and the
 * readers (the dashboard): the index template and strict mapping, the monthly index and alias naming
 * ({@link org.backbeat.index.schema.PostIndex}), the document ({@link org.backbeat.index.schema.PostDocument}), its
 * field paths ({@link org.backbeat.index.schema.PostFields}), the settings both read
 * ({@link org.backbeat.index.schema.PostIndexConfig}) and the client factory ({@link org.backbeat.index.schema.EsClients}).
 * A new field: a component of {@code PostDocument} and its line in {@code PostIndex.mapping()}.
 */
package org.backbeat.index.schema;
