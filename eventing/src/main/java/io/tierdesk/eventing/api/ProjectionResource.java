package io.tierdesk.eventing.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.projection.ProjectionRebuilder;
import io.tierdesk.eventing.projection.RebuildReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/**
 * This service's projections, for operators: each can be rebuilt from its topics beside the live one and compared
 * with it (docs/runbooks.md). Every service has this resource.
 */
@Path("/api/v1/projections")
@RolesAllowed("admin")
public class ProjectionResource {
    private final ProjectionRebuilder rebuilder;

    public ProjectionResource(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @GET
    public List<String> names() {
        return rebuilder.names();
    }

    /** 200 with the comparison, equal or not; 404 for a projection this service does not keep. */
    @POST
    @Path("{name}/rebuilds")
    public Uni<RebuildReport> rebuild(@PathParam("name") String name) {
        return rebuilder.rebuild(name);
    }
}
