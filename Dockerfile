# Contact Sync: the server image. docker-compose.yml beside this file runs it with its own PostgreSQL.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies change far less often than the code: resolving them in their own layer lets a rebuild
# after a source edit skip the download.
COPY pom.xml .
RUN mvn -B dependency:go-offline

COPY src ./src
COPY jobs ./jobs
# Tests need a PostgreSQL and belong to CI, not to the image build.
RUN mvn -B -DskipTests package


# A JRE, not the Maven/JDK image: the runtime needs neither the compiler nor the build tools.
FROM eclipse-temurin:17-jre

# Not root, so a hole in the service is not root in the container. /app/data is where the bundled
# PostgreSQL keeps its files when no SPRING_DATASOURCE_URL is set.
RUN useradd --system --create-home --home-dir /home/contactsync --uid 10001 contactsync \
    && mkdir -p /app/data \
    && chown contactsync:contactsync /app/data

WORKDIR /app
COPY --from=build /build/target/contact-sync.jar /app/contact-sync.jar
# The shipped job schedules and CRM mappings, read from /app/jobs and /app/mappings (mount your own over them).
COPY jobs ./jobs
COPY mappings ./mappings

USER contactsync
EXPOSE 8080
# Arguments go to the jar, so `docker run IMAGE run generate contacts=1000 seed=1` runs a job.
ENTRYPOINT ["java","-jar","/app/contact-sync.jar"]
