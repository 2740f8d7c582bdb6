package org.flinkop.ports.cluster;

/**
 * The FlinkDeployment a deploy is for, as the pass that deploys knows it.
 *
 * @param uid           its uid as the store has just confirmed it (the answer to a write in the same pass), for a
 *                      deployer whose objects name their owner; null when there is none, and such a deployer reads it
 * @param neverDeployed whether no cluster of it was ever deployed (its status records no reconciled spec, and every
 *                      deploy is recorded before it runs): nothing an earlier spec made can be left to remove
 */
public record ClusterOwner(String uid, boolean neverDeployed) {

    /** Nothing known: a deployer reads the owner itself and removes what an earlier spec may have left. */
    public static final ClusterOwner UNKNOWN = new ClusterOwner(null, false);
}
