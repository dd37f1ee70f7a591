package dev.wasihttp.samples.war;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An ordinary Java servlet, deployed next to the WebAssembly one in the sample WAR. */
public class JavaHelloServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain");
    resp.getWriter()
        .print("hello from Java: " + req.getMethod() + " " + req.getRequestURI() + "\n");
  }
}
