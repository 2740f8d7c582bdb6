package org.flinkop.adapters.kubernetes.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.kubernetes.api.model.Pod;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.JobManagerSpec;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.resource.TaskManagerSpec;

/**
 * The FlinkDeployment custom resource as fabric8 sees it, over the domain's own spec and status records. Pod
 * templates get the full Pod schema, as in the Apache operator's CRD; the specs kept in the status are stored
 * as they are, without a second copy of the schema. {@code flinkConfiguration} takes any value, nested or
 * not, as Flink's own YAML configuration does; the operator flattens and checks it.
 */
@Group(CrdNames.GROUP)
@Version(CrdNames.VERSION)
@Kind("FlinkDeployment")
@Plural("flinkdeployments")
@Singular("flinkdeployment")
@ShortNames({"flinkdep"})
@AdditionalPrinterColumn(name = "Job Status", jsonPath = ".status.jobStatus.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Lifecycle State", jsonPath = ".status.lifecycleState", type = AdditionalPrinterColumn.Type.STRING)
@SchemaSwap(originalType = FlinkDeploymentSpec.class, fieldName = "podTemplate", targetType = Pod.class)
@SchemaSwap(originalType = JobManagerSpec.class, fieldName = "podTemplate", targetType = Pod.class)
@SchemaSwap(originalType = TaskManagerSpec.class, fieldName = "podTemplate", targetType = Pod.class)
@SchemaSwap(originalType = FlinkDeploymentSpec.class, fieldName = "flinkConfiguration", targetType = StoredAsIs.class)
@SchemaSwap(originalType = ReconciliationStatus.class, fieldName = "lastReconciledSpec", targetType = StoredAsIs.class)
@SchemaSwap(originalType = ReconciliationStatus.class, fieldName = "lastStableSpec", targetType = StoredAsIs.class)
public class FlinkDeploymentResource extends CustomResource<FlinkDeploymentSpec, FlinkDeploymentStatus> implements Namespaced {
}
