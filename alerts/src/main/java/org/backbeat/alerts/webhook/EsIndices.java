package org.backbeat.alerts.webhook;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import org.elasticsearch.client.ResponseException;

/** The index chores the dispatcher's two stores share: create once with a strict mapping, read HTTP statuses. */
public final class EsIndices {

    private EsIndices() {
    }

    /** Creates the index unless it exists; returns whether this call created it. */
    public static boolean ensureCreated(ElasticsearchClient client, String index, int replicas, TypeMapping mapping) {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return false;
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas(Integer.toString(replicas)))
                    .mappings(mapping));
            return true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false;
            }
            throw new WebhookStorageException("cannot create Elasticsearch index " + index + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WebhookStorageException("cannot create Elasticsearch index " + index + ": " + e.getMessage(), e);
        }
    }

    /** The HTTP status behind a client failure, or -1 when there was no response. */
    public static int httpStatus(Exception e) {
        if (e instanceof ElasticsearchException es) {
            return es.status();
        }
        if (e instanceof TransportException transport) {
            return transport.statusCode();
        }
        if (e instanceof ResponseException response) {
            return response.getResponse().getStatusLine().getStatusCode();
        }
        return -1;
    }
}
