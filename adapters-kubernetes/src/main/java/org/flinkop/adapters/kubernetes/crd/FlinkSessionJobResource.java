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
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.ReconciliationStatus;

/**
 * The FlinkSessionJob custom resource as fabric8 sees it, over the domain's own spec and status records.
 * {@code flinkConfiguration} takes any value, nested or not; the operator flattens and checks it.
 */
@Group(CrdNames.GROUP)
@Version(CrdNames.VERSION)
@Kind("FlinkSessionJob")
@Plural("flinksessionjobs")
@Singular("flinksessionjob")
@ShortNames({"sessionjob"})
@AdditionalPrinterColumn(name = "Job Status", jsonPath = ".status.jobStatus.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Lifecycle State", jsonPath = ".status.lifecycleState", type = AdditionalPrinterColumn.Type.STRING)
@SchemaSwap(originalType = FlinkSessionJobSpec.class, fieldName = "flinkConfiguration", targetType = StoredAsIs.class)
@SchemaSwap(originalType = ReconciliationStatus.class, fieldName = "lastReconciledSpec", targetType = StoredAsIs.class)
@SchemaSwap(originalType = ReconciliationStatus.class, fieldName = "lastStableSpec", targetType = StoredAsIs.class)
public class FlinkSessionJobResource extends CustomResource<FlinkSessionJobSpec, FlinkSessionJobStatus> implements Namespaced {
}
