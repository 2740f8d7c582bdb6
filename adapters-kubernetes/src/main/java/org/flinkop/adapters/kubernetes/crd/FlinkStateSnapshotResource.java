package org.flinkop.adapters.kubernetes.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import org.flinkop.domain.resource.FlinkStateSnapshotSpec;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;

/** The FlinkStateSnapshot custom resource as fabric8 sees it, over the domain's own spec and status records. */
@Group(CrdNames.GROUP)
@Version(CrdNames.VERSION)
@Kind("FlinkStateSnapshot")
@Plural("flinkstatesnapshots")
@Singular("flinkstatesnapshot")
@ShortNames({"flinksnp"})
@AdditionalPrinterColumn(name = "Path", jsonPath = ".status.path", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Result Timestamp", jsonPath = ".status.resultTimestamp", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Snapshot State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
public class FlinkStateSnapshotResource extends CustomResource<FlinkStateSnapshotSpec, FlinkStateSnapshotStatus> implements Namespaced {
}
