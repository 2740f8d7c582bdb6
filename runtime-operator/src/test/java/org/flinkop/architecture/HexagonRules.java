package org.flinkop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The walls of the hexagon, for a code base laid out under {@code root}: {@code root.domain},
 * {@code root.ports}, {@code root.adapters.kubernetes}, {@code root.adapters.flink}, {@code root.runtime.operator},
 * {@code root.runtime.embedded}, {@code root.testkit}. Every rule fails when it matches no class, so a rule cannot
 * pass by pointing at an empty or renamed package.
 */
final class HexagonRules {

    private final String domain;
    private final String ports;
    private final String kubernetesAdapter;
    private final String flinkAdapter;
    private final String operatorRuntime;
    private final String embeddedRuntime;
    private final String testKubelet;
    private final String runtimes;
    private final String webhookCertificates;
    private final String root;

    HexagonRules(String root) {
        this.root = root + "..";
        this.domain = root + ".domain..";
        this.ports = root + ".ports..";
        this.kubernetesAdapter = root + ".adapters.kubernetes..";
        this.flinkAdapter = root + ".adapters.flink..";
        this.operatorRuntime = root + ".runtime.operator..";
        this.embeddedRuntime = root + ".runtime.embedded..";
        this.testKubelet = root + ".testkit.kubelet..";
        this.runtimes = root + ".runtime..";
        this.webhookCertificates = root + ".runtime.operator.webhook.tls..";
    }

    List<ArchRule> all() {
        return List.of(domainDependsOnlyOnJdkAndVavr(), domainDoesNoIo(), portsDependOnlyOnDomain(), fabric8OnlyInKubernetesAdapterAndOperator(),
                flinkOnlyInFlinkAdapterAndEmbeddedRuntime(), kubernetesAdapterDoesNotSeeFlinkAdapter(), flinkAdapterDoesNotSeeKubernetesAdapter(),
                guiceOnlyInRuntimesAndModules(), domainAndPortsDoNotReadTheClock(), kubernetesModelsDoNotCallTheApi(),
                operatorRuntimeDoesNotSeeEmbeddedRuntime(), clusterPlanOnlyReads(), webhookCertificatesUseOnlyTheJdk());
    }

    ArchRule domainDependsOnlyOnJdkAndVavr() {
        return classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain, "java..", "io.vavr..")
                .because("the domain is pure decisions over its own model; everything it needs from the world comes in as values")
                .allowEmptyShould(false);
    }

    ArchRule domainDoesNoIo() {
        return noClasses().that().resideInAPackage(domain)
                .should().dependOnClassesThat(io())
                .because("deciding must not touch files, sockets or processes: the same inputs always give the same decision")
                .allowEmptyShould(false);
    }

    ArchRule portsDependOnlyOnDomain() {
        return classes().that().resideInAPackage(ports)
                .should().onlyDependOnClassesThat().resideInAnyPackage(ports, domain, "java..", "io.vavr..")
                .because("ports speak only domain types, so any adapter can implement them and any runtime can drive them")
                .allowEmptyShould(false);
    }

    ArchRule fabric8OnlyInKubernetesAdapterAndOperator() {
        return noClasses().that().resideInAPackage(root).and().resideOutsideOfPackages(kubernetesAdapter, operatorRuntime, testKubelet)
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .because("Kubernetes is one edge: the embedded runtime and the testkit must work without a Kubernetes client; the testkit's"
                        + " process kubelet is the one exception, a node agent of a real API server for tests (an optional dependency of the testkit)")
                .allowEmptyShould(false);
    }

    ArchRule flinkOnlyInFlinkAdapterAndEmbeddedRuntime() {
        return noClasses().that().resideInAPackage(root).and().resideOutsideOfPackages(flinkAdapter, embeddedRuntime)
                .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
                .because("Flink's REST client is one edge; the domain sees jobs through the Flink job client port")
                .allowEmptyShould(false);
    }

    ArchRule kubernetesAdapterDoesNotSeeFlinkAdapter() {
        return noClasses().that().resideInAPackage(kubernetesAdapter)
                .should().dependOnClassesThat().resideInAPackage(flinkAdapter)
                .because("adapters meet only through ports; a runtime wires them together")
                .allowEmptyShould(false);
    }

    ArchRule flinkAdapterDoesNotSeeKubernetesAdapter() {
        return noClasses().that().resideInAPackage(flinkAdapter)
                .should().dependOnClassesThat().resideInAPackage(kubernetesAdapter)
                .because("adapters meet only through ports; a runtime wires them together")
                .allowEmptyShould(false);
    }

    ArchRule guiceOnlyInRuntimesAndModules() {
        return noClasses().that().resideInAPackage(root).and().resideOutsideOfPackage(runtimes).and().haveSimpleNameNotEndingWith("Module")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .because("wiring happens at the edge: one injector per runtime, and each adapter offers one Guice module")
                .allowEmptyShould(false);
    }

    ArchRule domainAndPortsDoNotReadTheClock() {
        return noClasses().that().resideInAnyPackage(domain, ports)
                .should().accessTargetWhere(readsTheClock())
                .because("time is an input: decisions take 'now' as an argument and services get an injected Clock, so tests and the simulator control it")
                .allowEmptyShould(false);
    }

    ArchRule kubernetesModelsDoNotCallTheApi() {
        return noClasses().that().resideInAPackage(kubernetesAdapter).and().haveSimpleNameEndingWith("Model")
                .should().dependOnClassesThat(kubernetesClientApi())
                .because("model classes only generate the desired Kubernetes objects from the domain; applying and reading them is the deployer's job,"
                        + " so what a spec becomes is tested without an API server")
                .allowEmptyShould(false);
    }

    ArchRule operatorRuntimeDoesNotSeeEmbeddedRuntime() {
        return noClasses().that().resideInAPackage(operatorRuntime)
                .should().dependOnClassesThat().resideInAPackage(embeddedRuntime)
                .because("the in-cluster operator ships without the embedded runtime: its image holds neither the local store nor local Flink"
                        + " processes, and what both runtimes need belongs in ports")
                .allowEmptyShould(false);
    }

    ArchRule clusterPlanOnlyReads() {
        return noClasses().that().resideInAPackage(operatorRuntime.replace("..", ".plan.."))
                .should().callMethodWhere(changesTheWorld())
                .because("flinkctl plan --kubeconfig runs with the user's own credentials against a live cluster: it reads resources, clusters and"
                        + " jobs, and must never store, delete, deploy, act on a job or run a pass")
                .allowEmptyShould(false);
    }

    /** The port methods that write or act, by the port that declares them. */
    private static final Map<String, Set<String>> WRITES = Map.of(
            "org.flinkop.ports.store.ResourceStore", Set.of("apply", "writeStatus", "addFinalizer", "removeFinalizer", "delete", "recordEvent"),
            "org.flinkop.ports.api.OperatorApi", Set.of("apply", "delete"),
            "org.flinkop.ports.reconcile.Reconciler", Set.of("reconcile"),
            "org.flinkop.ports.cluster.ClusterDeployer", Set.of("deploy", "delete", "rescale"),
            "org.flinkop.ports.flink.FlinkJobClient", Set.of("submit", "cancel", "stopWithSavepoint", "triggerSavepoint", "triggerCheckpoint",
                    "disposeSavepoint"));

    private static DescribedPredicate<JavaMethodCall> changesTheWorld() {
        return DescribedPredicate.describe("write through a port or act on a cluster or job", call -> WRITES.entrySet().stream()
                .anyMatch(port -> call.getTargetOwner().isAssignableTo(port.getKey()) && port.getValue().contains(call.getName())));
    }

    ArchRule webhookCertificatesUseOnlyTheJdk() {
        return classes().that().resideInAPackage(webhookCertificates)
                .should().onlyDependOnClassesThat().resideInAnyPackage(webhookCertificates, "java..", "javax..", "io.vavr..")
                .because("the webhook's certificates are written with the JDK's own security APIs and read back by its CertificateFactory:"
                        + " no certificate library, and no Kubernetes types in code that is tested without an API server")
                .allowEmptyShould(false);
    }

    private static DescribedPredicate<JavaClass> kubernetesClientApi() {
        return DescribedPredicate.describe("talk to the API server (the Kubernetes client, outside its serialization utilities)",
                c -> c.getPackageName().startsWith("io.fabric8.kubernetes.client") && !c.getPackageName().equals("io.fabric8.kubernetes.client.utils"));
    }

    private static final Set<String> CLOCK_OWNERS_WITH_NOW = Set.of("java.time.Instant", "java.time.LocalDateTime", "java.time.LocalDate",
            "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth");

    private static DescribedPredicate<JavaAccess<?>> readsTheClock() {
        return DescribedPredicate.describe("reads the system clock", access -> {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            return CLOCK_OWNERS_WITH_NOW.contains(owner) && name.equals("now")
                    || owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
                    || owner.equals("java.time.Clock") && name.startsWith("system");
        });
    }

    private static DescribedPredicate<JavaClass> io() {
        Set<String> types = Set.of("java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter",
                "java.io.RandomAccessFile", "java.net.Socket", "java.net.ServerSocket", "java.net.URL", "java.net.HttpURLConnection", "java.lang.ProcessBuilder");
        return DescribedPredicate.describe("do I/O (files, sockets, HTTP, processes)", c -> types.contains(c.getName())
                || c.getPackageName().startsWith("java.nio.file") || c.getPackageName().startsWith("java.net.http")
                || c.getPackageName().startsWith("java.nio.channels"));
    }
}
