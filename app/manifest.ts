import type { MetadataRoute } from "next";

/** The web app manifest: LeadRank's name, colours and icons when a user installs or pins it. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "LeadRank",
    short_name: "LeadRank",
    description: "Lead scoring for small B2B teams: every lead scored 0–100 with transparent rules.",
    start_url: "/dashboard",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
