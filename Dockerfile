# One image for every Backbeat stage; docker-compose.yml picks the stage with the command.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests install \
 && mvn -q -B -pl app dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/opt/backbeat/lib \
 && cp app/target/backbeat-app-*.jar /opt/backbeat/lib/

FROM eclipse-temurin:17-jre
RUN useradd --system --home /opt/backbeat backbeat \
 && mkdir -p /opt/backbeat/work /opt/backbeat/state \
 && chown backbeat /opt/backbeat/work /opt/backbeat/state
# Volumes mounted here start with this ownership, so the unprivileged stages can write their state.
COPY --from=build /opt/backbeat/lib /opt/backbeat/lib
USER backbeat
WORKDIR /opt/backbeat
ENV BACKBEAT_WORK_DIR=/opt/backbeat/work
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/backbeat/lib/*", "org.backbeat.app.Backbeat"]
CMD ["--help"]
