# The operator's image: OperatorMain from the runtime-operator jar, with its dependencies in lib/ next to it (the
# jar's manifest names them). Build from the repository root:
#   docker build -t flinkop/operator:0.1.0-SNAPSHOT .
# The install manifests (deploy/operator) run it as user 10001 with a read-only root file system and /tmp as an
# emptyDir.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY ports/pom.xml ports/
COPY adapters-kubernetes/pom.xml adapters-kubernetes/
COPY adapters-flink-rest/pom.xml adapters-flink-rest/
COPY runtime-operator/pom.xml runtime-operator/
COPY runtime-embedded/pom.xml runtime-embedded/
COPY testkit/pom.xml testkit/
COPY domain/src domain/src
COPY ports/src ports/src
COPY adapters-kubernetes/src adapters-kubernetes/src
COPY adapters-flink-rest/src adapters-flink-rest/src
COPY runtime-operator/src runtime-operator/src
# test-scoped modules are part of the reactor too (the architecture tests see every module)
COPY runtime-embedded/src runtime-embedded/src
COPY testkit/src testkit/src
COPY deploy deploy
COPY examples examples
# the jar and target/lib (maven-dependency-plugin copies the runtime dependencies there in the package phase)
RUN mvn -B -pl runtime-operator -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 flinkop && useradd --system --uid 10001 --gid flinkop --no-create-home flinkop
WORKDIR /opt/flinkop
COPY --from=build /src/runtime-operator/target/lib/ lib/
COPY --from=build /src/runtime-operator/target/flinkop-runtime-operator-*.jar operator.jar
USER 10001:10001
EXPOSE 8085
# JAVA_TOOL_OPTIONS (set by the Deployment) sizes the heap from the container's memory limit
ENTRYPOINT ["java", "-jar", "/opt/flinkop/operator.jar"]
CMD ["--config", "/etc/flinkop/operator.yaml"]
