package org.backbeat.alerts.webhook.subscription;

/**
 * The answer to a creation: the subscription and, this once only, its whole secret.
 *
 * @param subscription what the API shows from now on
 * @param secret       {@code whsec_…}: store it in the receiver now; Backbeat never shows it again
 */
public record CreatedSubscription(SubscriptionView subscription, String secret) {

    @Override
    public String toString() {
        return "CreatedSubscription[" + subscription.id() + "]";
    }
}
