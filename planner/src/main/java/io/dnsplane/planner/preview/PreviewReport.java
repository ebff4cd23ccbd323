package io.dnsplane.planner.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;

/** A plan preview as JSON (ExternalDNS's Changes shape plus conflicts and adoptions) or as a table. */
public final class PreviewReport {
  private PreviewReport() {}

  public static String json(EndpointPlanPreview.Result result) {
    ObjectNode root = EndpointJson.JSON.createObjectNode();
    Changes c = result.changes();
    list(root.putArray("create"), c.create());
    list(root.putArray("updateOld"), c.updateOld());
    list(root.putArray("updateNew"), c.updateNew());
    list(root.putArray("delete"), c.delete());
    ArrayNode conflicts = root.putArray("conflicts");
    result.conflicts().forEach(x -> conflicts.addObject().put("dnsName", x.desired().dnsName())
        .put("recordType", x.desired().recordType()).put("reason", x.reason()));
    ArrayNode adoptions = root.putArray("adoptions");
    result.adoptions().forEach(a -> adoptions.addObject().put("dnsName", a.dnsName()).put("recordType", a.recordType())
        .put("owner", a.label(Endpoint.LABEL_OWNER)));
    try {
      return EndpointJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void list(ArrayNode array, List<Endpoint> endpoints) {
    endpoints.forEach(e -> array.add(EndpointJson.toJson(e)));
  }

  public static String table(EndpointPlanPreview.Result result) {
    StringBuilder out = new StringBuilder();
    if (!result.zone().isEmpty()) {
      out.append("Zone ").append(result.zone()).append(":\n");
    }
    Changes c = result.changes();
    if (c.isEmpty()) {
      out.append("No changes.\n");
    }
    c.create().forEach(e -> out.append("+ create  ").append(e).append('\n'));
    for (int i = 0; i < c.updateOld().size(); i++) {
      out.append("~ update  ").append(c.updateOld().get(i)).append("\n       ->  ").append(c.updateNew().get(i)).append('\n');
    }
    c.delete().forEach(e -> out.append("- delete  ").append(e).append('\n'));
    result.adoptions().forEach(a -> out.append("= adopt   ").append(a.dnsName()).append(' ').append(a.recordType())
        .append(a.setIdentifier().isEmpty() ? "" : " [" + a.setIdentifier() + "]").append(" (TXT owner ").append(a.label(Endpoint.LABEL_OWNER)).append(")\n"));
    result.conflicts().forEach(x -> out.append("! conflict ").append(x.desired().dnsName()).append(' ')
        .append(x.desired().recordType()).append(": ").append(x.reason()).append('\n'));
    return out.toString();
  }
}
